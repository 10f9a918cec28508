package io.modelmonitoring.benchmarks;

import java.util.List;
import java.util.Map;

import io.modelmonitoring.scan.model.ModelKey;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class AgreementTests {

	private static final ModelKey MODEL = new ModelKey("tenant-01", "risk-score");

	/** DuckDB's bins of one model: 4 + 3 baseline, 2 + 5 current predictions. */
	private static final Map<ModelKey, WindowBins> DUCKDB = Map.of(MODEL,
			new WindowBins(List.of(0.5), new long[] { 4, 3 }, new long[] { 2, 5 }));

	@Test
	void equalCountsBinsAndEdgesAgree() {
		Agreement agreement = Agreement.of(DUCKDB, answer(7, 7, 0, "[0.5]", 4, 3, 2, 5), 0.5);

		assertThat(agreement.countsAgree()).isTrue();
		assertThat(agreement.countsEqual()).isEqualTo(1);
		assertThat(agreement.binsEqual()).isEqualTo(1);
		assertThat(agreement.maxPsiDifference()).isLessThan(1e-15);
		assertThat(agreement.text()).contains("1 of 1 models equal", "1 of 1 equal to the bit");
	}

	@Test
	void duckDbMayCountTheRecordsMlServiceCountedInvalidAndNoMore() {
		// DuckDB reads one record more in each window, e.g. a prediction written "0.4".
		Agreement within = Agreement.of(DUCKDB, answer(6, 6, 2, "[0.5]", 3, 3, 1, 5), 0.5);
		Agreement beyond = Agreement.of(DUCKDB, answer(6, 6, 1, "[0.5]", 3, 3, 1, 5), 0.5);

		assertThat(within.countsAgree()).isTrue();
		assertThat(within.text()).contains("DuckDB counts 2 more, within the run's 2 invalid records");
		assertThat(beyond.countsAgree()).isFalse();
		assertThat(beyond.text()).contains("COUNTS DISAGREE: DuckDB counts 2 more, beyond the run's 1");
	}

	@Test
	void duckDbCountingFewerOrMissingAModelDisagrees() {
		Agreement fewer = Agreement.of(DUCKDB, answer(8, 7, 5, "[0.5]", 5, 3, 2, 5), 0.5);
		Agreement missing = Agreement.of(Map.of(), answer(7, 7, 0, "[0.5]", 4, 3, 2, 5), 0.5);

		assertThat(fewer.countsAgree()).isFalse();
		assertThat(fewer.text()).contains("DuckDB counts 7 baseline and 7 current predictions, ml-service 8 and 7");
		assertThat(missing.countsAgree()).isFalse();
		assertThat(missing.text()).contains("not in DuckDB's result");
	}

	@Test
	void anEdgeOneUlpApartIsReportedNotADisagreement() {
		Agreement agreement = Agreement.of(DUCKDB, answer(7, 7, 0, "[0.5000000000000001]", 4, 3, 2, 5), 0.5);

		assertThat(agreement.countsAgree()).isTrue();
		assertThat(agreement.text()).contains("0 of 1 equal to the bit, the others at most 1 ulp apart");
	}

	/**
	 * A run's answer for {@link #MODEL}, its PSI that of its two bins (4 + 3 against 2 +
	 * 5): numpy as in WindowBinsTests, psi([4, 3], [2, 5]) = 0.25994294716129407.
	 */
	private static JsonNode answer(int baseline, int current, int invalid, String edges, int b0, int b1, int c0,
			int c1) {
		return JsonMapper.shared()
			.readTree("""
					{"runId": "r", "durationMs": 1, "invalidRecords": %d, "results": [{"tenantId": "tenant-01",
					 "modelId": "risk-score", "psi": 0.25994294716129407, "baselineCount": %d, "currentCount": %d,
					 "bins": 2, "edges": %s, "histogram": [{"baselineCount": %d, "currentCount": %d},
					 {"baselineCount": %d, "currentCount": %d}]}]}""".formatted(invalid, baseline, current, edges, b0,
					c0, b1, c1));
	}

}
