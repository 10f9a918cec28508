package io.modelmonitoring.orchestrator.schedule;

/**
 * A batch job the orchestrator triggers on a schedule.
 *
 * @param name the job's name, as in the trigger's {@code job}
 * @param schedule when it fires
 */
public record ScheduledJob(String name, CronSchedule schedule) {
}
