package io.modelmonitoring.mlservice.report;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import io.modelmonitoring.testsupport.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The segments and features of a run report as a person sees them, in headless Chromium:
 * the page {@link ReportRenderer} renders for
 * {@link SegmentResults#calmModelWithDriftedSegment()}, served with the headers the
 * report controller sends (its Content-Security-Policy forbids every script). A
 * screenshot goes to target/browser/segment-report.png.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportSegmentsBrowserTests {

	HttpServer server;

	HeadlessChromium browser;

	@BeforeAll
	void serveThePage() throws IOException {
		byte[] page = new ReportRenderer()
			.run(ReportSegmentsTests.page(new ModelSections(SegmentResults.defaultRules()),
					SegmentResults.calmModelWithDriftedSegment()))
			.getBytes(StandardCharsets.UTF_8);
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/report", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/html;charset=UTF-8");
			exchange.getResponseHeaders().set("Content-Security-Policy", ReportController.CONTENT_SECURITY_POLICY);
			exchange.sendResponseHeaders(200, page.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(page);
			}
		});
		this.server.start();
		this.browser = new HeadlessChromium();
	}

	@AfterAll
	void stop() {
		if (this.browser != null) {
			this.browser.close();
		}
		this.server.stop(0);
	}

	@Test
	void theSegmentTableAndTheDriftedOnesChartsRenderWithoutAConsoleError() {
		this.browser.open(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/report"));
		this.browser.screenshot(Path.of("target", "browser", "segment-report.png"));
		WebDriver page = this.browser.driver();

		List<WebElement> segments = page
			.findElements(By.cssSelector("table.signals[data-signals=segment] tbody tr td.name"));
		assertThat(segments).extracting(WebElement::getText)
			.containsExactly("region=emea", SegmentResults.QUOTE, SegmentResults.LONG.substring(0, 120) + "…",
					SegmentResults.SCRIPT, "region=apac");
		assertThat(segments).allMatch(WebElement::isDisplayed);
		assertThat(page.findElements(By.tagName("script"))).isEmpty();
		assertThat(page.findElements(By.cssSelector("[onmouseover]"))).isEmpty();

		List<WebElement> charts = page.findElements(By.cssSelector("figure.signal-chart"));
		assertThat(charts).extracting((chart) -> chart.getDomAttribute("data-name"))
			.containsExactly("region=emea", "channel");
		List<WebElement> bins = charts.get(0).findElements(By.cssSelector("svg.bin-chart g.bin"));
		assertThat(bins).hasSize(10);
		for (int i = 0; i < 10; i++) {
			WebElement baseline = bins.get(i).findElement(By.cssSelector("rect.bar.baseline"));
			WebElement current = bins.get(i).findElement(By.cssSelector("rect.bar.current"));
			// Drawn heights, as laid out: in proportion to the shares (baseline 0.1 a
			// bin,
			// current SegmentResults.EMEA_CURRENT of 100), within a pixel.
			double share = SegmentResults.EMEA_CURRENT[i] / 100.0;
			assertThat((double) current.getRect().getHeight()).as("bar of bin %d", i)
				.isCloseTo(baseline.getRect().getHeight() * share / 0.1, within(1.5));
		}
		assertThat(charts.get(1).findElements(By.cssSelector("svg.bin-chart g.bin text")))
			.extracting(WebElement::getText)
			.containsExactly("web", "store", "other categories");
		assertThat(charts.get(1).findElements(By.cssSelector("svg.bin-chart g.bin.moved")))
			.extracting((bin) -> bin.getDomAttribute("data-range"))
			.containsExactly("other categories");
		assertThat(page.findElement(By.cssSelector("section.model .findings")).getText())
			.contains("region=emea and feature channel drifted; the model as a whole did not.");
		assertThat(this.browser.consoleErrors()).isEmpty();
	}

}
