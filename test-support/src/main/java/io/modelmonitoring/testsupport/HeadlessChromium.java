package io.modelmonitoring.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real headless browser for tests of HTML pages: Debian's {@code chromium} driven
 * through Debian's {@code chromium-driver}, one browser per instance, closed (and its
 * temporary profile deleted) by {@link #close()}. It takes seconds to start, so a test
 * class should share one; it is not for use by several threads at once.
 *
 * <p>
 * The binaries are {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}, or the
 * paths in the system properties {@code chromium.binary} / {@code chromedriver.binary},
 * or else the environment variables {@code CHROMIUM_BINARY} / {@code CHROMEDRIVER}. Both
 * are given to Selenium explicitly, so Selenium Manager never looks for (or downloads) a
 * browser or a driver. A missing binary fails the test saying how to install it.
 *
 * <pre class="code">
 * try (HeadlessChromium chromium = new HeadlessChromium()) {
 *     chromium.open(uri, Map.of("Authorization", "Bearer " + token));
 *     List&lt;WebElement&gt; bars = chromium.driver().findElements(By.cssSelector("svg rect"));
 *     assertThat(chromium.consoleErrors()).isEmpty();
 *     chromium.screenshot(Path.of("target/browser/report.png"));
 * }
 * </pre>
 */
public final class HeadlessChromium implements AutoCloseable {

	/** The window's size in CSS pixels, fixed so that screenshots are stable. */
	public static final int WIDTH = 1280;

	public static final int HEIGHT = 2000;

	private static final String INSTALL_HINT = "Browser tests need Debian's packages chromium and chromium-driver: "
			+ "install them with 'apt-get install chromium chromium-driver', or run the tests with "
			+ "scripts/test.sh, which installs them when they are missing.";

	/**
	 * Selenium looks for a selenium-devtools artifact of the browser's version for a CDP
	 * client of its own, and warns at each start when there is none. None is needed: the
	 * CDP commands here go through chromedriver ({@code executeCdpCommand}). Held here so
	 * that the level sticks.
	 */
	private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

	static {
		CDP_VERSION_FINDER.setLevel(Level.OFF);
	}

	private final Path profile;

	private final ChromeDriver driver;

	private final List<String> consoleErrors = new ArrayList<>();

	/**
	 * Starts Chromium.
	 * @throws IllegalStateException when Chromium or chromedriver is missing or does not
	 * start, saying how to install them
	 */
	public HeadlessChromium() {
		Path chromium = binary("chromium.binary", "CHROMIUM_BINARY", "/usr/bin/chromium", "Chromium");
		Path chromedriver = binary("chromedriver.binary", "CHROMEDRIVER", "/usr/bin/chromedriver", "chromedriver");
		this.profile = createProfile();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.toFile());
		// No background connections (component updates, sync, QUIC): the tests need
		// none, and a closed network refuses them.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
				"--window-size=" + WIDTH + "," + HEIGHT, "--user-data-dir=" + this.profile);
		LoggingPreferences logging = new LoggingPreferences();
		logging.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logging);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver started;
		try {
			started = new ChromeDriver(service, options);
		}
		catch (WebDriverException ex) {
			service.stop();
			deleteProfile();
			throw new IllegalStateException(
					"Chromium (" + chromium + ") did not start through chromedriver (" + chromedriver + "). "
							+ "The two must be of the same version, as Debian's chromium and chromium-driver are. "
							+ INSTALL_HINT,
					ex);
		}
		try {
			started.executeCdpCommand("Network.enable", Map.of());
			// Chromium asks each new origin for /favicon.ico as soon as a page that
			// names no icon has loaded; the server's 401 or 404 to it would be a
			// console error the page did not make, there or not depending on timing.
			started.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/favicon.ico")));
		}
		catch (RuntimeException ex) {
			started.quit();
			deleteProfile();
			throw ex;
		}
		this.driver = started;
	}

	/** Opens the page with no extra request headers. */
	public void open(URI uri) {
		open(uri, Map.of());
	}

	/**
	 * Opens the page, sending the headers with every request the page makes until the
	 * next {@code open} (the document, its scripts, styles and fetches), e.g.
	 * {@code Map.of("Authorization", "Bearer " + token)}; returns when the page has
	 * loaded. The console errors of earlier pages are forgotten.
	 */
	public void open(URI uri, Map<String, String> headers) {
		this.driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.copyOf(headers)));
		this.driver.manage().logs().get(LogType.BROWSER);
		this.consoleErrors.clear();
		this.driver.get(uri.toString());
	}

	/** The browser, to find elements and read their text and attributes. */
	public WebDriver driver() {
		return this.driver;
	}

	/**
	 * The messages the browser's console logged as errors since the page was opened:
	 * {@code console.error(...)}, uncaught exceptions ({@code Uncaught Error: ...}), and
	 * resources that failed to load (a 401 or 404 answer, a refused connection), but not
	 * the browser's own request for {@code /favicon.ico}, which is blocked. Read from
	 * chromedriver's browser log (capability {@code goog:loggingPrefs}). What the page
	 * does while it loads is there when {@code open} returns; an error logged later, by a
	 * timer or a fetch, shows once it has happened, so wait for it (e.g. with a
	 * {@code WebDriverWait}) before asserting that there is none.
	 */
	public List<String> consoleErrors() {
		for (LogEntry entry : this.driver.manage().logs().get(LogType.BROWSER)) {
			if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
				this.consoleErrors.add(entry.getMessage());
			}
		}
		return List.copyOf(this.consoleErrors);
	}

	/**
	 * Saves a PNG of the whole page, beyond the window if the page is longer, creating
	 * the file's directories.
	 * @return the file
	 */
	@SuppressWarnings("unchecked")
	public Path screenshot(Path file) {
		Map<String, Object> metrics = this.driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
		Map<String, Number> size = (Map<String, Number>) metrics.get("cssContentSize");
		Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", Math.max(size.get("width").doubleValue(), 1),
				"height", Math.max(size.get("height").doubleValue(), 1), "scale", 1);
		Map<String, Object> shot = this.driver.executeCdpCommand("Page.captureScreenshot",
				Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
		byte[] png = Base64.getDecoder().decode((String) shot.get("data"));
		try {
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.write(file, png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
	}

	/** Quits the browser and deletes its temporary profile. */
	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			deleteProfile();
		}
	}

	private static Path binary(String property, String variable, String fallback, String name) {
		String configured = System.getProperty(property);
		if (configured == null || configured.isBlank()) {
			configured = System.getenv(variable);
		}
		Path path = Paths.get((configured == null || configured.isBlank()) ? fallback : configured);
		if (!Files.isExecutable(path)) {
			throw new IllegalStateException(name + " not found at " + path + " (set -D" + property + " or " + variable
					+ " to use another). " + INSTALL_HINT);
		}
		return path;
	}

	private static Path createProfile() {
		try {
			return Files.createTempDirectory("headless-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void deleteProfile() {
		try (Stream<Path> paths = Files.walk(this.profile)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// A file Chromium was still writing as it quit; the rest is gone.
		}
	}

}
