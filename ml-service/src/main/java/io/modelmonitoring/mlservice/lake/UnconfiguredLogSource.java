package io.modelmonitoring.mlservice.lake;

import io.modelmonitoring.scan.lake.InferenceLogSource;
import io.modelmonitoring.scan.lake.LakeUnavailableException;
import io.modelmonitoring.scan.lake.LogScanRequest;
import io.modelmonitoring.scan.lake.LogScanResult;

/** No lake configured: drift is skipped, saying why. */
final class UnconfiguredLogSource implements InferenceLogSource {

	static final String REASON = "no data lake configured: set data_lake.connection_string "
			+ "(DATA_LAKE_CONNECTION_STRING) or data_lake.local_path (DATA_LAKE_LOCAL_PATH)";

	@Override
	public LogScanResult scan(LogScanRequest request) {
		throw new LakeUnavailableException(REASON, null);
	}

	@Override
	public String unavailableReason() {
		return REASON;
	}

	@Override
	public String describe() {
		return "no data lake";
	}

}
