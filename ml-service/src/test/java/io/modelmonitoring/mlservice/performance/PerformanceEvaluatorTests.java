package io.modelmonitoring.mlservice.performance;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;

import io.modelmonitoring.scan.model.ModelKey;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.groups.Tuple.tuple;

import static org.assertj.core.api.Assertions.assertThat;

class PerformanceEvaluatorTests {

	private static final PerformanceThresholds THRESHOLDS = PerformanceThresholds.of((metric) -> 0.2);

	static Stream<Arguments> brierFieldForms() {
		return Stream.of(Arguments.of("top-level brier", new Document("brier", 0.25)),
				Arguments.of("metrics.brier", new Document("metrics", new Document("brier", 0.25))),
				Arguments.of("metrics.Brier", new Document("metrics", new Document("Brier", 0.25))),
				Arguments.of("numeric string", new Document("brier", " 0.25 ")),
				Arguments.of("integer zero is a value", new Document("brier", 0).append("mae", 0.25)),
				Arguments.of("Decimal128", new Document("brier", Decimal128.parse("0.25"))),
				Arguments.of("brier wins over metrics.brier",
						new Document("brier", 0.25).append("metrics", new Document("brier", 0.9))),
				Arguments.of("metrics.brier wins over metrics.Brier",
						new Document("metrics", new Document("brier", 0.25).append("Brier", 0.9))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("brierFieldForms")
	void readsEveryFieldForm(String name, Document fields) {
		Document document = evaluation("e1", "m1", 1);
		document.putAll(fields);
		var result = PerformanceEvaluator.evaluate("t1", read(document), THRESHOLDS);
		assertThat(result.invalidEvaluations()).isZero();
		assertThat(result.checks()).anySatisfy((check) -> {
			assertThat(check.value()).isIn(0.25, 0.0);
			assertThat(check.model()).isEqualTo(new ModelKey("t1", "m1"));
		});
	}

	@Test
	void maeFieldForms() {
		List<Document> documents = List.of(evaluation("a", "top", 3).append("mae", 0.3),
				evaluation("b", "lower", 2).append("metrics", new Document("mae", 0.31)),
				evaluation("c", "upper", 1).append("metrics", new Document("MAE", "0.32")));
		var result = PerformanceEvaluator.evaluate("t1", read(documents), THRESHOLDS);
		assertThat(result.checks()).extracting(PerformanceCheck::metric, PerformanceCheck::value)
			.containsExactly(tuple(Metric.MAE, 0.3), tuple(Metric.MAE, 0.31), tuple(Metric.MAE, 0.32));
	}

	static Stream<Arguments> invalidDocuments() {
		return Stream.of(Arguments.of("null brier", evaluation("x", "m1", 1).append("brier", null)),
				Arguments.of("NaN brier", evaluation("x", "m1", 1).append("brier", Double.NaN)),
				Arguments.of("infinite brier", evaluation("x", "m1", 1).append("brier", Double.POSITIVE_INFINITY)),
				Arguments.of("\"NaN\" string", evaluation("x", "m1", 1).append("brier", "NaN")),
				Arguments.of("\"n/a\"", evaluation("x", "m1", 1).append("brier", "n/a")),
				Arguments.of("hex string", evaluation("x", "m1", 1).append("brier", "0x1p-2")),
				Arguments.of("negative", evaluation("x", "m1", 1).append("mae", -0.1)),
				Arguments.of("boolean", evaluation("x", "m1", 1).append("mae", true)),
				Arguments.of("document", evaluation("x", "m1", 1).append("mae", new Document("v", 1))),
				Arguments.of("no metric at all", evaluation("x", "m1", 1)),
				Arguments.of("no modelId", new Document("_id", "x").append("tenantId", "t1").append("brier", 0.1)),
				Arguments.of("numeric modelId", evaluation("x", null, 1).append("modelId", 7).append("brier", 0.1)),
				Arguments.of("blank modelId", evaluation("x", " ", 1).append("brier", 0.1)),
				Arguments.of("no createdAt",
						new Document("_id", "x").append("tenantId", "t1").append("modelId", "m1").append("brier", 0.1)),
				Arguments.of("createdAt as text",
						new Document("_id", "x").append("tenantId", "t1")
							.append("modelId", "m1")
							.append("createdAt", "2026-11-20T06:00:00Z")
							.append("brier", 0.1)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidDocuments")
	void countsAnUnusableDocumentOnceAndKeepsGoing(String name, Document bad) {
		Document good = evaluation("good", "m2", 0).append("brier", 0.1);
		var result = PerformanceEvaluator.evaluate("t1", read(bad, good), THRESHOLDS);
		assertThat(result.invalidEvaluations()).isEqualTo(1);
		assertThat(result.checks()).extracting(PerformanceCheck::evaluationId).containsExactly("good");
	}

	@Test
	void takesTheNewestUsableValueOfEachMetricOnce() {
		List<Document> newestFirst = List.of(evaluation("e3", "m1", 3).append("brier", "n/a").append("mae", 0.5),
				evaluation("e2", "m1", 2).append("brier", 0.3).append("mae", 0.1),
				evaluation("e1", "m1", 1).append("brier", 0.05));
		var result = PerformanceEvaluator.evaluate("t1", read(newestFirst), THRESHOLDS);
		assertThat(result.invalidEvaluations()).isEqualTo(1);
		assertThat(result.checks()).hasSize(2);
		PerformanceCheck mae = result.checks().stream().filter((c) -> c.metric() == Metric.MAE).findFirst().get();
		PerformanceCheck brier = result.checks().stream().filter((c) -> c.metric() == Metric.BRIER).findFirst().get();
		assertThat(mae.evaluationId()).isEqualTo("e3");
		assertThat(mae.value()).isEqualTo(0.5);
		assertThat(brier.evaluationId()).isEqualTo("e2");
		assertThat(brier.evaluatedAt()).isEqualTo(Instant.ofEpochSecond(2));
	}

	@Test
	void degradedOnlyStrictlyAboveTheThreshold() {
		assertThat(check(0.2).degraded()).isFalse();
		assertThat(check(0.2000001).degraded()).isTrue();
		assertThat(check(0.1).degraded()).isFalse();
	}

	private static PerformanceCheck check(double value) {
		return new PerformanceCheck(new ModelKey("t", "m"), Metric.BRIER, value, 0.2, "e", Instant.EPOCH, null);
	}

	private static Document evaluation(String id, String modelId, long createdAtSecond) {
		return new Document("_id", id).append("tenantId", "t1")
			.append("modelId", modelId)
			.append("createdAt", Date.from(Instant.ofEpochSecond(createdAtSecond)));
	}

	private static List<Evaluation> read(Document... documents) {
		return read(List.of(documents));
	}

	private static List<Evaluation> read(List<Document> documents) {
		return documents.stream().map(EvaluationDocuments::read).toList();
	}

}
