package io.modelmonitoring.demodata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DemoEvaluationsTests {

	/** 3 tenants × 5 models, 4 evaluations each. */
	static final DemoLakeSpec SPEC = new DemoLakeSpec(3, 5, 1000, 60, 2, 7L, Instant.parse("2026-11-22T06:00:00Z"),
			DemoLakeSpec.Format.JSONL, 0);

	@TempDir
	Path dir;

	@Test
	void everyModelGetsItsEvaluationsAndTheChosenOnesAreDegraded() {
		List<Document> documents = DemoEvaluations.documents(SPEC, 4).stream().map(Document::parse).toList();

		assertThat(documents).hasSize(3 * 5 * 4);
		// (3t + m) % 7 == 0 for t < 3, m < 5: (0,0), (1,4), (2,1); (5t + m + 3) % 11 ==
		// 0: (1,3).
		assertThat(newestOver(documents, "brier")).containsExactlyInAnyOrder("tenant-01/" + DemoLake.modelId(0),
				"tenant-02/" + DemoLake.modelId(4), "tenant-03/" + DemoLake.modelId(1));
		assertThat(newestOver(documents, "mae")).containsExactly("tenant-02/" + DemoLake.modelId(3));
		// Every 50th document, never a newest one: numbers 50 (age 2 of its model) only.
		assertThat(documents.stream().filter((d) -> "n/a".equals(metric(d, "brier")))).hasSize(1);
		// The oldest of four a week apart, the newest a day before asOf: 1 + 3 × 7 = 22
		// days.
		assertThat(documents.get(0).get("createdAt")).isEqualTo(Date.from(Instant.parse("2026-10-31T06:00:00Z")));
	}

	@Test
	void withSegmentsAFewModelsGetPerSegmentMetricsAndOnlyTheRegionStorysEmeaIsDegraded() {
		List<Document> plain = DemoEvaluations.documents(SPEC, 4).stream().map(Document::parse).toList();
		List<Document> documents = DemoEvaluations.documents(SPEC.withSignals(0, 0, true), 4)
			.stream()
			.map(Document::parse)
			.toList();

		assertThat(documents).hasSameSizeAs(plain);
		Set<String> withSegments = new TreeSet<>();
		Set<String> degraded = new TreeSet<>();
		for (int i = 0; i < documents.size(); i++) {
			Document document = documents.get(i);
			List<Document> segments = document.getList("segments", Document.class, List.of());
			document.remove("segments");
			// The rest of each document is the one written without segments.
			assertThat(document).isEqualTo(plain.get(i));
			if (segments.isEmpty()) {
				continue;
			}
			String model = document.getString("tenantId") + "/" + document.getString("modelId");
			withSegments.add(model);
			assertThat(segments).extracting((s) -> s.getString("dimension") + "=" + s.getString("value"))
				.containsExactly("region=amer", "region=emea", "region=apac", "deal_size=large");
			for (Document segment : segments) {
				int count = segment.getInteger("count");
				boolean checked = count >= 30;
				// ml-service checks a segment from 30 records or more: the regions'.
				assertThat(checked).isEqualTo(segment.getString("dimension").equals("region"));
				if (checked && (segment.getDouble("brier") > 0.2 || segment.getDouble("mae") > 0.2)) {
					degraded.add(model + " " + segment.getString("value") + " " + document.getDate("createdAt"));
				}
			}
		}
		// (t + m) % 3 == 0 for t < 3, m < 5: (0,0), (0,3), (1,2), (2,1), (2,4); and the
		// region story (0,1).
		assertThat(withSegments).containsExactlyInAnyOrder("tenant-01/" + DemoLake.modelId(0),
				"tenant-01/" + DemoLake.modelId(1), "tenant-01/" + DemoLake.modelId(3),
				"tenant-02/" + DemoLake.modelId(2), "tenant-03/" + DemoLake.modelId(1),
				"tenant-03/" + DemoLake.modelId(4));
		// Only the newest evaluation of the region story, a day before asOf.
		assertThat(degraded).containsExactly(
				"tenant-01/" + DemoLake.modelId(1) + " emea " + Date.from(Instant.parse("2026-11-21T06:00:00Z")));
	}

	@Test
	void theSameSeedWritesTheSameFileAndLoadingTwiceKeepsOneCopy() throws IOException {
		assertThat(DemoEvaluations.write(this.dir, SPEC, 4)).isEqualTo(60);
		List<String> lines = Files.readAllLines(this.dir.resolve(DemoEvaluations.FILE));
		assertThat(lines).isEqualTo(DemoEvaluations.documents(SPEC, 4));

		MongoServer server = new MongoServer(new MemoryBackend());
		try {
			String uri = "mongodb://" + server.bindAndGetConnectionString().substring("mongodb://".length()) + "/demo";
			MongoLoader.load(uri, lines);
			MongoLoader.load(uri, lines);
			try (MongoClient client = MongoClients.create(uri)) {
				assertThat(client.getDatabase("demo").getCollection("ml_evaluations").countDocuments()).isEqualTo(60);
			}
		}
		finally {
			server.shutdownNow();
		}
	}

	/** "tenant/model" of the models whose newest evaluation has the metric over 0.2. */
	private static Set<String> newestOver(List<Document> documents, String metric) {
		Map<String, Document> newest = new HashMap<>();
		for (Document document : documents) {
			String key = document.getString("tenantId") + "/" + document.getString("modelId");
			newest.merge(key, document, (a, b) -> (a.getDate("createdAt").after(b.getDate("createdAt"))) ? a : b);
		}
		Set<String> over = new TreeSet<>();
		newest.forEach((key, document) -> {
			if (Double.parseDouble(metric(document, metric).toString()) > 0.2) {
				over.add(key);
			}
		});
		return over;
	}

	/** The metric in whichever form the document carries it. */
	private static Object metric(Document document, String name) {
		if (document.containsKey(name)) {
			return document.get(name);
		}
		Document metrics = document.get("metrics", Document.class);
		Object lower = metrics.get(name);
		return (lower != null) ? lower : metrics.get(name.equals("brier") ? "Brier" : "MAE");
	}

}
