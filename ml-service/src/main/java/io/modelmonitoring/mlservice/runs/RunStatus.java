package io.modelmonitoring.mlservice.runs;

/** Where a run is. */
public enum RunStatus {

	RUNNING, COMPLETED, FAILED;

	/** The lower-case form used in stored runs, answers and metric labels. */
	public String label() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
