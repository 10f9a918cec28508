package io.modelmonitoring.mlservice.monitoring;

import java.time.Clock;

import io.modelmonitoring.mlservice.runs.MonitoringRunResponse;
import io.modelmonitoring.scan.lake.ScanWarmUp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rehearsal judges the warm-up's scan as a run would, with nothing but the JSON
 * mapper: no MongoDB, broker or alert store exists here.
 */
class RunRehearsalTests {

	@Test
	void theWarmUpScanIsJudgedAsARunAtItsAsOfWouldJudgeIt() {
		ModelMonitoringProperties monitoring = new Binder(new MapConfigurationPropertySource())
			.bindOrCreate("model-monitoring", ModelMonitoringProperties.class);
		RunRehearsal rehearsal = new RunRehearsal(monitoring, new FindingEvents(monitoring, Clock.systemUTC()),
				JsonMapper.builder().build());

		MonitoringRunResponse answer = rehearsal.rehearse(ScanWarmUp.scan(monitoring.scanSignals(), 2),
				ScanWarmUp.AS_OF);

		// Two tenants with two models each, every one with both windows full.
		assertThat(answer.tenants()).isEqualTo(2);
		assertThat(answer.driftChecked()).isEqualTo(4);
		assertThat(answer.driftSkipped()).isZero();
		assertThat(answer.results()).hasSize(4).allSatisfy((result) -> {
			assertThat(result.psi()).isNotNull();
			assertThat(result.baselineCount()).isGreaterThan(20_000);
			assertThat(result.segments()).isNotEmpty();
			assertThat(result.features()).isNotEmpty();
		});
	}

}
