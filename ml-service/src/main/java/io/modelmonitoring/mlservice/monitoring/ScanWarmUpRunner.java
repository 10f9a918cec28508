package io.modelmonitoring.mlservice.monitoring;

import io.modelmonitoring.mlservice.lake.DataLakeProperties;
import io.modelmonitoring.scan.lake.InferenceLogSource;
import io.modelmonitoring.scan.lake.LogScanResult;
import io.modelmonitoring.scan.lake.ScanWarmUp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Before the service reports ready, runs the in-process drift scan once over generated
 * lines ({@link ScanWarmUp}), then the rest of a run's computation on its result
 * ({@link RunRehearsal}), about 2 s on two cores, so that the first run after a start
 * runs compiled code and takes as long as any other. Not with
 * {@code data_lake.warm_up: false}, a Spark engine or no lake. A warm-up that fails is
 * logged and changes nothing else; a failure of the JVM itself (out of memory) is not
 * hidden.
 */
@Component
class ScanWarmUpRunner implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ScanWarmUpRunner.class);

	private final DataLakeProperties lake;

	private final InferenceLogSource logs;

	private final ModelMonitoringProperties monitoring;

	private final RunRehearsal rehearsal;

	ScanWarmUpRunner(DataLakeProperties lake, InferenceLogSource logs, ModelMonitoringProperties monitoring,
			FindingEvents findings, JsonMapper json) {
		this.lake = lake;
		this.logs = logs;
		this.monitoring = monitoring;
		this.rehearsal = new RunRehearsal(monitoring, findings, json);
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!this.lake.warmUp() || this.lake.engine() != DataLakeProperties.Engine.IN_PROCESS
				|| !this.logs.isConfigured()) {
			return;
		}
		long start = System.nanoTime();
		try {
			LogScanResult scanned = ScanWarmUp.scan(this.monitoring.scanSignals(), this.lake.effectiveScanThreads());
			long scannedAt = System.nanoTime();
			this.rehearsal.rehearse(scanned, ScanWarmUp.AS_OF);
			log.info("drift scan warmed up on {} generated lines in {} ms, the rest of a run on its result in {} ms",
					ScanWarmUp.LINES, (scannedAt - start) / 1_000_000, (System.nanoTime() - scannedAt) / 1_000_000);
		}
		catch (RuntimeException | LinkageError | AssertionError ex) {
			log.warn("warm-up failed; the first run compiles the scan and the rest of a run as it goes: {}",
					ex.toString());
		}
	}

}
