package io.modelmonitoring.mlservice.history;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.modelmonitoring.mlservice.config.WebSliceConfiguration;
import io.modelmonitoring.mlservice.mongo.ConnectionLosses;
import io.modelmonitoring.mlservice.runs.ModelResultStore;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.ModelResult;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.SignalResult;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A model's history with the segments and features each run flagged, read by the real
 * result store from mongo-java-server: a run of now beside one kept before segments and
 * features were checked, whose document has none of their fields. Filters are off, as in
 * the other web slices.
 */
@WebMvcTest(ModelHistoryController.class)
@AutoConfigureMockMvc(addFilters = false)
@Import({ WebSliceConfiguration.class, ModelResultStore.class, ConnectionLosses.class,
		ModelHistoryControllerTests.InProcessMongo.class })
class ModelHistoryControllerTests {

	static final String API = "/api/v1/ml/model-monitoring/models";

	static final String TENANT = "tenant-history";

	static final String MODEL = "model-segmented";

	static final Instant NOW = Instant.parse("2026-11-22T06:00:00Z");

	static final Instant LAST_WEEK = Instant.parse("2026-11-15T06:00:00Z");

	/** Beyond the 20 a run lists. */
	static final int DRIFTED_SEGMENTS = 25;

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	JsonMapper json;

	@Autowired
	ModelResultStore results;

	@BeforeEach
	void keepTwoRuns() {
		this.mongo.dropCollection(ModelResultStore.COLLECTION);
		List<SignalResult> segments = new ArrayList<>();
		for (int i = 0; i < DRIFTED_SEGMENTS; i++) {
			// region=r00 has the largest PSI, 0.5; each next one 0.01 less.
			segments.add(signal(String.format("region=r%02d", i), "prediction", 0.5 - i / 100.0, true, List.of()));
		}
		segments.add(signal("region=calm", "prediction", 0.01, false, List.of()));
		segments.add(signal("industry=retail", "prediction", null, false, List.of("brier")));
		List<SignalResult> features = List.of(signal(null, "channel", 0.37, true, List.of()),
				signal(null, "amount", 0.02, false, List.of()));
		keep("run-now", NOW, result(0.05, 0.9, segments, features), false);
		keep("run-last-week", LAST_WEEK, result(0.04, null, List.of(), List.of()), true);
	}

	@Test
	void eachRunListsTheSegmentsAndFeaturesItFlaggedLargestPsiFirst() throws Exception {
		this.mvc.perform(get(API + "/" + TENANT + "/" + MODEL + "/history"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.runs", hasSize(2)))
			.andExpect(jsonPath("$.runs[0].runId").value("run-now"))
			.andExpect(jsonPath("$.runs[0].psi").value(0.05))
			.andExpect(jsonPath("$.runs[0].brier").value(0.12))
			.andExpect(jsonPath("$.runs[0].drift").value(false))
			.andExpect(jsonPath("$.runs[0].adjustedPValue").value(0.9))
			.andExpect(jsonPath("$.runs[0].segmentsChecked").value(DRIFTED_SEGMENTS + 2))
			.andExpect(jsonPath("$.runs[0].segments", hasSize(HistoryRun.MOST_LISTED)))
			.andExpect(jsonPath("$.runs[0].segments[0].name").value("region=r00"))
			.andExpect(jsonPath("$.runs[0].segments[0].psi").value(0.5))
			.andExpect(jsonPath("$.runs[0].segments[0].drift").value(true))
			.andExpect(jsonPath("$.runs[0].segments[19].name").value("region=r19"))
			// 25 drifted and one degraded flagged, 20 listed.
			.andExpect(jsonPath("$.runs[0].segmentsNotShown").value(6))
			.andExpect(jsonPath("$.runs[0].featuresChecked").value(2))
			.andExpect(jsonPath("$.runs[0].features[*].name", contains("channel")))
			.andExpect(jsonPath("$.runs[0].featuresNotShown").value(0))
			.andExpect(jsonPath("$.runs[0].histogram").doesNotExist());
	}

	@Test
	void aDegradedSegmentWithoutAPsiComesAfterEveryDriftedOne() throws Exception {
		this.mvc.perform(get(API + "/" + TENANT + "/" + MODEL + "/history?limit=1"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.runs", hasSize(1)))
			.andExpect(jsonPath("$.runs[0].segments[*].name", hasSize(20)))
			.andExpect(jsonPath("$.runs[0].segments[?(@.name == 'industry=retail')]").isEmpty());
	}

	@Test
	void aRunKeptBeforeSegmentsWereCheckedReadsAsHavingCheckedNone() throws Exception {
		this.mvc.perform(get(API + "/" + TENANT + "/" + MODEL + "/history"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.runs[1].runId").value("run-last-week"))
			.andExpect(jsonPath("$.runs[1].asOf").value("2026-11-15T06:00:00Z"))
			.andExpect(jsonPath("$.runs[1].psi").value(0.04))
			.andExpect(jsonPath("$.runs[1].brier").value(0.12))
			.andExpect(jsonPath("$.runs[1].adjustedPValue").doesNotExist())
			.andExpect(jsonPath("$.runs[1].segmentsChecked").value(0))
			.andExpect(jsonPath("$.runs[1].segments", hasSize(0)))
			.andExpect(jsonPath("$.runs[1].features", hasSize(0)));
		assertThat(this.results.result("run-last-week", TENANT, MODEL)).as("the old document is read")
			.hasValueSatisfying((old) -> {
				assertThat(old.segments()).isEmpty();
				assertThat(old.adjustedPValue()).isNull();
			});
	}

	@Test
	void anUnknownModelIsNotFound() throws Exception {
		this.mvc.perform(get(API + "/" + TENANT + "/no-such-model/history")).andExpect(status().isNotFound());
		this.mvc.perform(get(API + "/" + TENANT + "/" + MODEL + "/history?limit=101"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.runs").doesNotExist());
	}

	private static SignalResult signal(String segment, String feature, Double psi, boolean drift,
			List<String> degraded) {
		return new SignalResult(segment, feature, "numeric", psi, (psi != null) ? 0.001 : null,
				(psi != null) ? 0.004 : null, 0.1, 200, 100, drift, null, null, null, null, degraded, Map.of());
	}

	private static ModelResult result(double psi, Double adjustedPValue, List<SignalResult> segments,
			List<SignalResult> features) {
		Map<String, Double> metrics = new LinkedHashMap<>();
		metrics.put("brier", 0.12);
		return new ModelResult(TENANT, MODEL, psi, 0.7, 0.05, 2000, 500, metrics, false, List.of(), null, null, null,
				null, null, Map.of(), false, false, Map.of(), adjustedPValue, segments, features, 0L, 0);
	}

	/**
	 * The document the store keeps for a (run, tenant, model); {@code before} leaves out
	 * what results held before segments and features were checked.
	 */
	private void keep(String runId, Instant asOf, ModelResult result, boolean before) {
		Map<String, Object> whole = this.json.convertValue(result, MAP);
		if (before) {
			List.of("adjustedPValue", "segments", "features", "ignoredSegmentValues", "ignoredFeatures")
				.forEach(whole::remove);
		}
		// The store finds a run's whole result by this id.
		String id = UUID.nameUUIDFromBytes(String.join("\u0000", runId, TENANT, MODEL).getBytes(StandardCharsets.UTF_8))
			.toString();
		this.mongo.insert(new Document("_id", id).append("runId", runId)
			.append("asOf", Date.from(asOf))
			.append("completedAt", Date.from(asOf.plusSeconds(60)))
			.append("tenantId", TENANT)
			.append("modelId", MODEL)
			.append("psi", result.psi())
			.append("pValue", result.pValue())
			.append("noiseFloor", result.noiseFloor())
			.append("drift", result.drift())
			.append("metrics", new Document(new LinkedHashMap<>(result.metrics())))
			.append("degraded", result.degraded())
			.append("baselineCount", result.baselineCount())
			.append("currentCount", result.currentCount())
			.append("result", new Document(whole)), ModelResultStore.COLLECTION);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class InProcessMongo {

		@Bean(destroyMethod = "shutdownNow")
		MongoServer mongoServer() {
			MongoServer server = new MongoServer(new MemoryBackend());
			server.bind("127.0.0.1", 0);
			return server;
		}

		@Bean(destroyMethod = "close")
		MongoClient mongoClient(MongoServer server) {
			return MongoClients.create(
					"mongodb://127.0.0.1:" + server.getLocalAddress().getPort() + "/?serverSelectionTimeoutMS=2000");
		}

		@Bean
		MongoTemplate mongoTemplate(MongoClient client) {
			return new MongoTemplate(client, "history");
		}

	}

}
