package io.modelmonitoring.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The browser against pages served here behind a bearer token, as the services' pages
 * are: what a test sees of a page, of its console, and of a screenshot.
 */
class HeadlessChromiumTests {

	static final String TOKEN = "test-token";

	static final Map<String, String> AUTHORIZED = Map.of("Authorization", "Bearer " + TOKEN);

	static final Map<String, String> PAGES = Map.ofEntries(Map.entry("/report", """
			<!DOCTYPE html><html><head><title>Report</title><link rel="stylesheet" href="/style.css"></head>
			<body><h1>Drift</h1>
			<svg width="300" height="100"><rect x="0" y="10" width="40" height="90" data-psi="0.31"/>
			<rect x="50" y="40" width="40" height="60" data-psi="0.12"/>
			<rect x="100" y="70" width="40" height="30" data-psi="0.05"/></svg>
			<p id="model">&lt;script&gt;alert(1)&lt;/script&gt;</p>
			</body></html>"""), Map.entry("/style.css", "h1 { color: rgb(200, 0, 0); }"),
			Map.entry("/console-error", """
					<!DOCTYPE html><html><body><p>logs</p><script>console.error('x')</script></body></html>"""),
			Map.entry("/throws", """
					<!DOCTYPE html><html><body><p>throws</p><script>throw new Error('boom')</script></body></html>"""),
			Map.entry("/later", """
					<!DOCTYPE html><html><body><p>later</p>
					<script>setTimeout(() => { throw new Error('later') }, 300)</script></body></html>"""),
			Map.entry("/clean", """
					<!DOCTYPE html><html><body><p>clean</p><script>console.log('fine')</script></body></html>"""),
			Map.entry("/long", """
					<!DOCTYPE html><html><body style="margin:0">
					<div style="height:3000px;background:linear-gradient(red, blue)"></div></body></html>"""));

	static HttpServer server;

	static HeadlessChromium chromium;

	static final Queue<String> requests = new ConcurrentLinkedQueue<>();

	@BeforeAll
	static void start() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", HeadlessChromiumTests::serve);
		server.start();
		chromium = new HeadlessChromium();
	}

	@AfterAll
	static void stop() {
		if (chromium != null) {
			chromium.close();
		}
		server.stop(0);
	}

	@BeforeEach
	void forgetRequests() {
		requests.clear();
	}

	static void serve(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		requests.add(path + " " + authorization);
		String page = PAGES.get(path);
		int status;
		String body;
		if (!("Bearer " + TOKEN).equals(authorization)) {
			status = 401;
			body = "<!DOCTYPE html><html><body><h1>401 Unauthorized</h1><p>A bearer token is required.</p></body></html>";
			exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
		}
		else if (page == null) {
			status = 404;
			body = "<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>";
		}
		else {
			status = 200;
			body = page;
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders()
			.set("Content-Type", (path.endsWith(".css") ? "text/css" : "text/html") + "; charset=utf-8");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	static URI uri(String path) {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
	}

	@Test
	void withTheBearerTokenThePageAndItsStylesheetLoad() {
		chromium.open(uri("/report"), AUTHORIZED);

		List<WebElement> bars = chromium.driver().findElements(By.cssSelector("svg rect"));
		assertThat(bars).hasSize(3);
		assertThat(bars).allMatch(WebElement::isDisplayed);
		assertThat(bars.get(0).getDomAttribute("data-psi")).isEqualTo("0.31");
		assertThat(chromium.driver().findElement(By.tagName("h1")).getCssValue("color"))
			.isEqualTo("rgba(200, 0, 0, 1)");
		assertThat(requests).contains("/report Bearer test-token", "/style.css Bearer test-token");
		assertThat(chromium.consoleErrors()).isEmpty();
	}

	@Test
	void withoutTheTokenThePageIsThe401Body() {
		chromium.open(uri("/report"));

		assertThat(chromium.driver().findElement(By.tagName("body")).getText()).contains("401 Unauthorized");
		assertThat(chromium.driver().findElements(By.cssSelector("svg rect"))).isEmpty();
		assertThat(requests).contains("/report null");
		assertThat(chromium.consoleErrors()).singleElement()
			.asString()
			.contains("/report - Failed to load resource: the server responded with a status of 401");
	}

	@Test
	void theHeadersOfOneOpenAreNotSentByTheNext() {
		chromium.open(uri("/clean"), AUTHORIZED);
		chromium.open(uri("/clean"));

		assertThat(chromium.driver().findElement(By.tagName("body")).getText()).contains("401 Unauthorized");
	}

	@Test
	void consoleErrorIsAConsoleError() {
		chromium.open(uri("/console-error"), AUTHORIZED);

		assertThat(chromium.consoleErrors()).singleElement().asString().endsWith("\"x\"");
	}

	@Test
	void anUncaughtExceptionIsAConsoleError() {
		chromium.open(uri("/throws"), AUTHORIZED);

		assertThat(chromium.consoleErrors()).singleElement().asString().contains("Uncaught Error: boom");
	}

	@Test
	void anErrorAfterTheLoadShowsOnceItHappened() {
		chromium.open(uri("/later"), AUTHORIZED);

		new WebDriverWait(chromium.driver(), Duration.ofSeconds(5))
			.until((driver) -> !chromium.consoleErrors().isEmpty());
		assertThat(chromium.consoleErrors()).singleElement().asString().contains("Uncaught Error: later");
	}

	@Test
	void theBrowsersOwnFaviconRequestIsNotAConsoleError() throws InterruptedException {
		// Chromium asks each new origin for /favicon.ico right after the first page has
		// loaded; 'localhost' is an origin no other test opens.
		chromium.open(URI.create("http://localhost:" + server.getAddress().getPort() + "/clean"), AUTHORIZED);
		Thread.sleep(500);

		assertThat(chromium.consoleErrors()).isEmpty();
		assertThat(requests).containsExactly("/clean Bearer test-token");
	}

	@Test
	void aCleanPageHasNoConsoleErrorsAndEarlierPagesDoNotCount() {
		chromium.open(uri("/throws"), AUTHORIZED);
		chromium.open(uri("/clean"), AUTHORIZED);

		assertThat(chromium.consoleErrors()).isEmpty();
	}

	@Test
	void aMissingResourceIsAConsoleError() {
		chromium.open(uri("/nowhere"), AUTHORIZED);

		assertThat(chromium.consoleErrors()).singleElement().asString().contains("404");
	}

	@Test
	void escapedMarkupIsReadBackAsTextAndNotRun() {
		chromium.open(uri("/report"), AUTHORIZED);

		WebElement model = chromium.driver().findElement(By.id("model"));
		assertThat(model.getText()).isEqualTo("<script>alert(1)</script>");
		assertThat(model.findElements(By.tagName("script"))).isEmpty();
		assertThatExceptionOfType(NoAlertPresentException.class).isThrownBy(() -> chromium.driver().switchTo().alert());
	}

	@Test
	void aMissingBrowserFailsSayingHowToInstallIt() {
		System.setProperty("chromium.binary", "/nowhere/chromium");
		try {
			assertThatIllegalStateException().isThrownBy(HeadlessChromium::new)
				.withMessageContaining("/nowhere/chromium")
				.withMessageContaining("apt-get install chromium chromium-driver")
				.withMessageContaining("scripts/test.sh");
		}
		finally {
			System.clearProperty("chromium.binary");
		}
	}

	@Test
	void aScreenshotIsAPngOfTheWholePage() throws IOException {
		chromium.open(uri("/long"), AUTHORIZED);

		Path file = chromium.screenshot(Path.of("target/browser/long.png"));

		byte[] png = Files.readAllBytes(file);
		assertThat(png).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
		// IHDR: width and height, big-endian, at bytes 16 and 20
		assertThat(ByteBuffer.wrap(png, 16, 8).getInt()).isEqualTo(HeadlessChromium.WIDTH);
		assertThat(ByteBuffer.wrap(png, 20, 4).getInt()).isEqualTo(3000);
	}

}
