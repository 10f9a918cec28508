package io.modelmonitoring.eventconsumers.audit;

/**
 * Where audit lines go. Each message's line is created once, under its id: writing one
 * that exists already changes nothing, and says so.
 */
interface AuditTrail {

	/** What appending did. */
	enum Outcome {

		/** The line was written and is durable. */
		WRITTEN,

		/** The line was there already: an earlier delivery wrote it. */
		DUPLICATE

	}

	/**
	 * Writes the record's line unless it exists, and returns once it is durable.
	 * @throws RuntimeException when it could not be written; the consumer tries again
	 */
	Outcome append(AuditRecord record);

	/** Whether there is a trail to write to; when not, the consumer does not consume. */
	boolean enabled();

	/** Where the trail is, or why there is none, for the start-up log and health. */
	String describe();

	/** No trail configured. */
	AuditTrail OFF = new AuditTrail() {

		@Override
		public Outcome append(AuditRecord record) {
			throw new IllegalStateException("the audit trail is off: " + describe());
		}

		@Override
		public boolean enabled() {
			return false;
		}

		@Override
		public String describe() {
			return "off: neither audit_log.connection_string (AUDIT_LOG_CONNECTION_STRING) nor audit_log.local_path "
					+ "(AUDIT_LOG_LOCAL_PATH) is set";
		}

	};

}
