package io.modelmonitoring.eventconsumers.audit;

import java.time.LocalDate;
import java.util.List;

/**
 * One message's line of the audit trail, and where it goes.
 *
 * @param messageId the message's id, which the line is stored under
 * @param name the file or blob name the id gives ({@link AuditLayout#name})
 * @param day the day partition it is written to
 * @param earlierDays day partitions an earlier delivery may have written it to (the day
 * before a receive time, when the message carries no timestamp of its own); a line found
 * there counts as written
 * @param line the JSON line, newline included, UTF-8
 */
record AuditRecord(String messageId, String name, LocalDate day, List<LocalDate> earlierDays, byte[] line) {

}
