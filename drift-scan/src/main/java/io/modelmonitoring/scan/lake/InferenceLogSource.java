package io.modelmonitoring.scan.lake;

/**
 * Where inference logs are read from: Azure Data Lake Storage Gen2 (through its blob
 * endpoint), a local directory with the same layout, or nothing at all.
 */
public interface InferenceLogSource {

	/**
	 * Reads the predictions of both windows, streaming, from the day partitions that
	 * overlap them. Bad lines and unreadable files are counted in the result, never
	 * thrown.
	 * @throws LakeUnavailableException when the lake itself cannot be listed or reached
	 */
	LogScanResult scan(LogScanRequest request);

	/**
	 * False when no lake is configured: drift is then skipped with
	 * {@link #unavailableReason()}.
	 */
	default boolean isConfigured() {
		return unavailableReason() == null;
	}

	/** Why there is no lake to read, or null when there is one (every real source). */
	default String unavailableReason() {
		return null;
	}

	/**
	 * A short description for logs, e.g. "azure container ml-data prefix
	 * /ml_inference_logs".
	 */
	String describe();

}
