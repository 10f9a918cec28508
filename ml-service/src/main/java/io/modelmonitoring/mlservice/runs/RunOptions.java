package io.modelmonitoring.mlservice.runs;

/**
 * What a run may do beside computing: a dry run keeps its answer and publishes nothing; a
 * backfill run (an asOf older than the newest completed run of its tenants) changes no
 * alert and publishes only when asked.
 *
 * @param dryRun compute and keep the run, publish nothing, change no alert
 * @param publish a backfill run publishes its findings (without a lifecycle)
 */
public record RunOptions(boolean dryRun, boolean publish) {

	public static final RunOptions DEFAULT = new RunOptions(false, false);

	/** Part of an idempotency key's fingerprint; empty for the default, as before. */
	String fingerprintPart() {
		return (this.dryRun ? "dry-run" : "") + (this.publish ? "publish" : "");
	}

}
