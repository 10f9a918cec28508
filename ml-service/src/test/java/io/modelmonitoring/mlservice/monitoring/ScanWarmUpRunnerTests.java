package io.modelmonitoring.mlservice.monitoring;

import java.nio.file.Path;
import java.time.Clock;

import io.modelmonitoring.mlservice.lake.DataLakeProperties;
import io.modelmonitoring.scan.lake.LocalDirectoryLogSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm-up runs for an in-process lake unless switched off. */
@ExtendWith(OutputCaptureExtension.class)
class ScanWarmUpRunnerTests {

	@TempDir
	Path lake;

	@Test
	void aLocalLakeIsWarmedUpBeforeTheServiceIsReady(CapturedOutput output) {
		runner(properties("true")).run(new DefaultApplicationArguments());

		assertThat(output).containsPattern(
				"drift scan warmed up on 196,?608 generated lines in \\d+ ms, the rest of a run on its result in \\d+ ms");
	}

	@Test
	void warmUpFalseSkipsIt(CapturedOutput output) {
		runner(properties("false")).run(new DefaultApplicationArguments());

		assertThat(output).doesNotContain("warmed up");
	}

	private ScanWarmUpRunner runner(DataLakeProperties lake) {
		ModelMonitoringProperties monitoring = new Binder(new MapConfigurationPropertySource())
			.bindOrCreate("model-monitoring", ModelMonitoringProperties.class);
		return new ScanWarmUpRunner(lake, new LocalDirectoryLogSource(this.lake, "ml_inference_logs", 2), monitoring,
				new FindingEvents(monitoring, Clock.systemUTC()), JsonMapper.builder().build());
	}

	private DataLakeProperties properties(String warmUp) {
		MapConfigurationPropertySource source = new MapConfigurationPropertySource();
		source.put("data-lake.local-path", this.lake.toString());
		source.put("data-lake.warm-up", warmUp);
		return new Binder(source).bindOrCreate("data-lake", DataLakeProperties.class);
	}

}
