package io.modelmonitoring.mlservice.monitoring;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

import io.modelmonitoring.security.testing.TestTokens;
import io.modelmonitoring.testsupport.HeadlessChromium;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A model's history and the HTML reports, over three runs of one tenant a day apart, each
 * seeing one more day of predictions: model-shift drifts more every day and its Brier
 * degrades on the third, a model named like a script drifts throughout, one named to
 * break out of an attribute stays calm. Expected figures come from
 * src/test/resources/monitoring/report_reference.py (numpy). The tenant's data lies
 * outside the windows and before the asOf of the other tests' runs.
 */
class ReportIntegrationTests extends MonitoringIntegrationTestBase {

	static final String TENANT = "tenant-report";

	static final String SHIFT = "model-shift";

	static final String SCRIPT = "<script>alert(1)</script>";

	static final String QUOTE = "x\" onmouseover=\"alert(2)";

	@Autowired
	MongoTemplate mongo;

	final List<String> runIds = new ArrayList<>();

	@BeforeAll
	void seedAndRunThreeDays() throws Exception {
		Instant baselineAt = AS_OF.minus(Duration.ofDays(30)).plus(Duration.ofHours(1));
		List<String> baseline = new ArrayList<>();
		for (String model : List.of(SHIFT, SCRIPT, QUOTE)) {
			baseline.addAll(lines(model, 60, (i) -> i / 59.0, baselineAt));
		}
		write(partition(LAKE, baselineAt).resolve("report-baseline.jsonl"), baseline, false);
		List<List<IntToDoubleFunction>> days = List
			.of(List.of((i) -> ((i * 7) % 40) / 39.0, (i) -> 0.5 + i / 78.0, (i) -> 0.75 + i / 160.0));
		for (int day = 0; day < 3; day++) {
			Instant at = AS_OF.plus(Duration.ofDays(day)).plus(Duration.ofHours(1));
			List<String> current = new ArrayList<>();
			current.addAll(lines(SHIFT, 40, days.get(0).get(day), at));
			current.addAll(lines(SCRIPT, 40, (i) -> 0.9 + i / 400.0, at));
			current.addAll(lines(QUOTE, 40, (i) -> ((i * 11) % 40) / 39.0, at));
			write(partition(LAKE, at).resolve("report-current.jsonl"), current, false);
			this.mongo.insert(new Document("_id", "report-brier-" + day).append("tenantId", TENANT)
				.append("modelId", SHIFT)
				.append("modelVersion", "v" + (day + 1))
				.append("createdAt", Date.from(at))
				.append("brier", List.of(0.1, 0.15, 0.3).get(day)), "ml_evaluations");
		}
		for (int run = 0; run < 3; run++) {
			Instant asOf = AS_OF.plus(Duration.ofDays(run)).plus(Duration.ofHours(2));
			HttpResponse<String> answer = post("{\"tenantIds\": [\"" + TENANT + "\"], \"asOf\": \"" + asOf + "\"}");
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
			this.runIds.add(this.json.readTree(answer.body()).get("runId").asString());
		}
	}

	@Test
	void theHistoryListsAModelsRunsNewestFirst() throws Exception {
		HttpResponse<String> response = get("/models/" + TENANT + "/" + SHIFT + "/history");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode history = this.json.readTree(response.body());
		assertThat(history.get("tenantId").asString()).isEqualTo(TENANT);
		JsonNode runs = history.get("runs");
		assertThat(runs).hasSize(3);
		// report_reference.py: model-shift psi per run.
		double[] psi = { 0.5473413720384414, 0.21834372694004747, 0.0 };
		double[] brier = { 0.3, 0.15, 0.1 };
		for (int i = 0; i < 3; i++) {
			JsonNode run = runs.get(i);
			assertThat(run.get("runId").asString()).isEqualTo(this.runIds.get(2 - i));
			assertThat(run.get("psi").asDouble()).isCloseTo(psi[i], within(1e-12));
			assertThat(run.get("brier").asDouble()).isEqualTo(brier[i]);
			assertThat(run.get("baselineCount").asInt()).isEqualTo(60);
			assertThat(run.get("currentCount").asInt()).isEqualTo(40 * (3 - i));
			assertThat(run.has("histogram")).as("the history leaves the bins out").isFalse();
		}
		assertThat(runs.get(0).get("asOf").asString()).isEqualTo("2026-11-24T08:00:00Z");
		assertThat(runs.get(0).get("drift").asBoolean()).isTrue();
		assertThat(runs.get(0).get("degraded").toString()).isEqualTo("[\"brier\"]");
		assertThat(runs.get(2).get("drift").asBoolean()).isFalse();

		JsonNode limited = this.json.readTree(get("/models/" + TENANT + "/" + SHIFT + "/history?limit=1").body());
		assertThat(limited.get("runs")).hasSize(1);
		assertThat(limited.get("runs").get(0).get("runId").asString()).isEqualTo(this.runIds.get(2));
	}

	@Test
	void theHistoryRefusesWhatItCannotAnswer() throws Exception {
		HttpResponse<String> unknown = get("/models/" + TENANT + "/no-such-model/history");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(get("/models/" + TENANT + "/" + SHIFT + "/history?limit=101").statusCode()).isEqualTo(400);
		assertThat(get("/models/" + TENANT + "/" + SHIFT + "/history?limit=0").statusCode()).isEqualTo(400);
		assertThat(get("/models/bad%20tenant/" + SHIFT + "/history").statusCode()).isEqualTo(400);
		HttpResponse<String> anonymous = this.http.send(
				HttpRequest.newBuilder(uri("/models/" + TENANT + "/" + SHIFT + "/history")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
	}

	@Test
	void theRunReportIsOnePageThatLoadsNothingAndRunsNothing() throws Exception {
		HttpResponse<String> response = get("/runs/" + this.runIds.get(2) + "/report");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
		assertThat(response.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((policy) -> assertThat(policy).startsWith("default-src 'none'"));
		String page = response.body();
		// Escaped where each lands: in text, and in attributes (where a quote cannot end
		// the value).
		assertThat(page).doesNotContain("<script").doesNotContain("src=\"http");
		assertThat(page).contains("<h2>tenant-report / &lt;script&gt;alert(1)&lt;/script&gt;</h2>");
		assertThat(page).contains("id=\"model-tenant-report/&lt;script>alert(1)&lt;/script>\"");
		assertThat(page).contains("data-model=\"x&#34; onmouseover=&#34;alert(2)\"")
			.doesNotContain("=\"x\" onmouseover");
		assertThat(page).contains("id=\"model-tenant-report/model-shift\"");
		assertThat(page).contains("model version v3");

		HttpResponse<String> anonymous = this.http.send(
				HttpRequest.newBuilder(uri("/runs/" + this.runIds.get(2) + "/report")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(get("/runs/no-such-run/report").statusCode()).isEqualTo(404);
	}

	@Test
	void theModelReportShowsOneModelOverTime() throws Exception {
		HttpResponse<String> response = get("/models/" + TENANT + "/"
				+ URLEncoder.encode(QUOTE, StandardCharsets.UTF_8).replace("+", "%20") + "/report");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		String page = response.body();
		assertThat(page).contains("<h1>tenant-report / x\" onmouseover=\"alert(2)</h1>")
			.contains("data-model=\"x&#34; onmouseover=&#34;alert(2)\"");
		for (String runId : this.runIds) {
			assertThat(page).contains(">" + runId + "</a>");
		}
		assertThat(get("/models/" + TENANT + "/no-such-model/report").statusCode()).isEqualTo(404);
	}

	/**
	 * The run report as a person sees it, in headless Chromium: one chart per drifted
	 * model, a pair of bars per bin whose rendered heights keep the shares' proportions,
	 * the bins that moved most marked, a trend point per run, ids shown as text, and no
	 * console error. Screenshots go to target/browser/.
	 */
	@Test
	void theRunReportInABrowser() throws Exception {
		try (HeadlessChromium browser = new HeadlessChromium()) {
			browser.open(uri("/runs/" + this.runIds.get(2) + "/report"),
					Map.of("Authorization", "Bearer " + TestTokens.ML_SERVICE.valid()));
			browser.screenshot(Path.of("target", "browser", "run-report.png"));
			WebDriver page = browser.driver();
			assertThat(page.findElements(By.cssSelector("svg.bin-chart"))).as("one chart per drifted model").hasSize(2);
			assertThat(page.findElements(By.tagName("script"))).isEmpty();
			assertThat(page.findElements(By.cssSelector("[onmouseover]"))).isEmpty();
			WebElement scriptSection = section(page, SCRIPT);
			assertThat(scriptSection.findElement(By.tagName("h2")).getText()).isEqualTo(TENANT + " / " + SCRIPT);

			// report_reference.py: model-shift's bins in the third run, 120 current
			// values.
			long[] current = { 4, 4, 4, 4, 5, 11, 12, 21, 28, 27 };
			WebElement shift = section(page, SHIFT);
			List<WebElement> bins = shift.findElements(By.cssSelector("svg.bin-chart g.bin"));
			assertThat(bins).hasSize(10);
			for (int i = 0; i < 10; i++) {
				WebElement baseline = bins.get(i).findElement(By.cssSelector("rect.bar.baseline"));
				WebElement now = bins.get(i).findElement(By.cssSelector("rect.bar.current"));
				assertThat(Double.parseDouble(baseline.getDomAttribute("data-share"))).isEqualTo(0.1);
				assertThat(Double.parseDouble(now.getDomAttribute("data-share"))).isEqualTo(current[i] / 120.0);
				// Drawn heights, as laid out: in proportion to the shares, within a
				// pixel.
				double baselineHeight = baseline.getRect().getHeight();
				assertThat((double) now.getRect().getHeight()).as("bar of bin %d", i)
					.isCloseTo(baselineHeight * (current[i] / 120.0) / 0.1, within(1.5));
			}
			// The largest PSI terms, until half of PSI: bins 8 and 9, then the first of
			// the
			// equal terms of bins 0 to 3; three at most.
			assertThat(shift.findElements(By.cssSelector("svg.bin-chart g.bin.moved")))
				.extracting((bin) -> bin.getDomAttribute("data-bin"))
				.containsExactly("0", "8", "9");
			List<WebElement> psiPoints = shift.findElements(By.cssSelector("svg.trend-chart[data-signal=psi] circle"));
			assertThat(psiPoints).extracting((point) -> Double.parseDouble(point.getDomAttribute("data-value")))
				.satisfiesExactly((psi) -> assertThat(psi).isZero(),
						(psi) -> assertThat(psi).isCloseTo(0.21834372694004747, within(1e-12)),
						(psi) -> assertThat(psi).isCloseTo(0.5473413720384414, within(1e-12)));
			assertThat(shift.findElements(By.cssSelector("svg.trend-chart[data-signal=brier] circle")))
				.extracting((point) -> point.getDomAttribute("data-value"))
				.containsExactly("0.1", "0.15", "0.3");
			assertThat(browser.consoleErrors()).isEmpty();

			browser.open(uri("/models/" + TENANT + "/" + SHIFT + "/report"),
					Map.of("Authorization", "Bearer " + TestTokens.ML_SERVICE.valid()));
			browser.screenshot(Path.of("target", "browser", "model-report.png"));
			assertThat(page.findElements(By.cssSelector("table.history tbody tr"))).hasSize(3);
			assertThat(browser.consoleErrors()).isEmpty();
		}
	}

	private static WebElement section(WebDriver page, String modelId) {
		return page.findElements(By.cssSelector("section.model"))
			.stream()
			.filter((section) -> modelId.equals(section.getDomAttribute("data-model")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no section for " + modelId));
	}

	/** One JSON line per prediction, through a JSON writer: model ids hold quotes. */
	private List<String> lines(String model, int count, IntToDoubleFunction value, Instant start) {
		List<String> lines = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			Map<String, Object> record = new LinkedHashMap<>();
			record.put("tenantId", TENANT);
			record.put("modelId", model);
			record.put("prediction", value.applyAsDouble(i));
			record.put("timestamp", start.plusSeconds(60L * i).toString());
			lines.add(this.json.writeValueAsString(record));
		}
		return lines;
	}

}
