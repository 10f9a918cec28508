package io.modelmonitoring.eventconsumers.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The real Alertmanager the forwarder's tests post to: Debian's prometheus-alertmanager
 * on 127.0.0.1:9093 (or {@code ALERTMANAGER_PORT}), which scripts/test.sh starts. A test
 * that cannot reach it fails saying how to start it. Reads alerts back through the same
 * API v2 an operator's tools use.
 */
public final class TestAlertmanager {

	public static final int PORT = Integer.parseInt(System.getenv().getOrDefault("ALERTMANAGER_PORT", "9093"));

	private static final JsonMapper json = JsonMapper.builder().build();

	private TestAlertmanager() {
	}

	/** {@code http://127.0.0.1:9093}, or a failure saying how to start Alertmanager. */
	public static String url() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", PORT), 2000);
		}
		catch (IOException ex) {
			throw new IllegalStateException("These tests need Alertmanager on 127.0.0.1:" + PORT
					+ " (Debian's prometheus-alertmanager). Run every test with scripts/test.sh, which installs "
					+ "and starts it, or start it with 'source scripts/infra.sh && ensure_alertmanager' "
					+ "(set ALERTMANAGER_PORT for another port).", ex);
		}
		return "http://127.0.0.1:" + PORT;
	}

	/**
	 * The active alerts whose labels match, e.g. {@code tenant="t-1"}; Alertmanager
	 * leaves out the resolved ones (endsAt in the past).
	 */
	public static List<JsonNode> activeAlerts(String... matchers) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(url() + "/api/v2/alerts")
			.queryParam("active", "true");
		for (String matcher : matchers) {
			uri.queryParam("filter", "{matcher}");
		}
		URI built = uri.encode().buildAndExpand((Object[]) matchers).toUri();
		String body = RestClient.create().get().uri(built).retrieve().body(String.class);
		JsonNode alerts = json.readTree(body);
		return alerts.valueStream().toList();
	}

}
