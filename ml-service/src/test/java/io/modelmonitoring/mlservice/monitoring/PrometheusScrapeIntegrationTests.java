package io.modelmonitoring.mlservice.monitoring;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leaves the service's real {@code /actuator/prometheus} answer, taken after a run with a
 * drift check and a degraded metric, in {@code target/prometheus-scrape.txt}. The
 * deployment check compares the metric names of the dashboards and alert rules with it.
 */
class PrometheusScrapeIntegrationTests extends MonitoringIntegrationTestBase {

	static final Path SCRAPE = Path.of("target", "prometheus-scrape.txt");

	@Autowired
	MongoTemplate mongo;

	@Autowired
	AmqpAdmin admin;

	@BeforeAll
	void seed() {
		this.admin.declareExchange(new TopicExchange(EXCHANGE, true, false));
		this.mongo.insert(new Document("_id", "scrape-brier").append("tenantId", "tenant-scrape")
			.append("modelId", "model-scrape")
			.append("createdAt", Date.from(AS_OF.minus(Duration.ofDays(1))))
			.append("brier", 0.5), "ml_evaluations");
	}

	@AfterAll
	void cleanUp() {
		this.mongo.remove(Query.query(Criteria.where("_id").is("scrape-brier")), "ml_evaluations");
	}

	@Test
	void aScrapeAfterARunIsWrittenForTheDeploymentCheck() throws Exception {
		HttpResponse<String> run = post(
				"{\"tenantIds\": [\"tenant-1\", \"tenant-scrape\"], \"asOf\": \"2026-11-22T06:00:00Z\"}");
		assertThat(run.statusCode()).as(run.body()).isEqualTo(200);

		HttpResponse<String> scrape = scrapeAfterAGcPause();
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("ml_drift_checks_total{")
			.contains("ml_performance_degraded_total{check=\"model\",metric=\"brier\",model=\"model-scrape\"}")
			.contains("ml_model_monitoring_run_duration_seconds_bucket{")
			.contains("http_server_requests_seconds_count{");

		Files.createDirectories(SCRAPE.getParent());
		Files.writeString(SCRAPE, scrape.body(), StandardCharsets.UTF_8);
	}

	/**
	 * The GC pause series appear only once a collection has happened, which a short test
	 * may not see; the dashboard uses them, so one is asked for before the scrape.
	 */
	private HttpResponse<String> scrapeAfterAGcPause() throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/prometheus"))
			.build();
		System.gc();
		HttpResponse<String> scrape = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		for (int attempt = 0; attempt < 50 && !scrape.body().contains("jvm_gc_pause_seconds_sum"); attempt++) {
			Thread.sleep(100);
			scrape = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		assertThat(scrape.body()).as("a GC pause recorded").contains("jvm_gc_pause_seconds_sum");
		return scrape;
	}

}
