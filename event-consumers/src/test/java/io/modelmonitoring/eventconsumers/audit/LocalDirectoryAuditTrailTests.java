package io.modelmonitoring.eventconsumers.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelmonitoring.eventconsumers.audit.AuditTrail.Outcome;
import io.modelmonitoring.eventconsumers.messaging.MessageReader;
import io.modelmonitoring.eventconsumers.messaging.MessagingProperties;
import io.modelmonitoring.eventconsumers.messaging.ParkReason;
import io.modelmonitoring.eventconsumers.messaging.RejectedMessageException;
import io.modelmonitoring.eventconsumers.support.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The audit consumer with the local-directory trail in a temporary directory: the layout,
 * one line per message id however often it comes (also at the same instant), and no
 * temporary file left behind.
 */
class LocalDirectoryAuditTrailTests {

	static final Instant NOW = Instant.parse("2026-11-22T06:05:00Z");

	static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path root;

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void oneMessageIsOneLineInItsDaysFile() throws IOException {
		String event = Events.driftDetected("e-1", "t-1", "m-1");

		consumer(NOW).onMessage(message(event, "ml.model.drift.detected"));

		Path file = this.root.resolve("ml_audit_log/year=2026/month=11/day=22/e-1.jsonl");
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		assertThat(lines).hasSize(1);
		JsonNode line = json.readTree(lines.get(0));
		assertThat(line.get("message")).isEqualTo(json.readTree(event));
		assertThat(line.at("/audit/messageId").stringValue()).isEqualTo("e-1");
		assertThat(line.at("/audit/routingKey").stringValue()).isEqualTo("ml.model.drift.detected");
		assertThat(line.at("/audit/receivedAt").stringValue()).isEqualTo(NOW.toString());
		assertThat(Files.readString(file)).endsWith("}\n");
		assertThat(this.meters.counter("ml_audit_records", "outcome", "written").count()).isEqualTo(1);
	}

	@Test
	void theSameMessageDeliveredTwiceIsOneLine() throws IOException {
		MLAuditConsumer consumer = consumer(NOW);
		consumer.onMessage(message(Events.jobCompleted("e-2"), "workflow.job.completed"));
		byte[] first = Files.readAllBytes(this.root.resolve("ml_audit_log/year=2026/month=11/day=22/e-2.jsonl"));

		consumer(NOW.plusSeconds(60)).onMessage(message(Events.jobCompleted("e-2"), "workflow.job.completed"));

		assertThat(files()).containsExactly("ml_audit_log/year=2026/month=11/day=22/e-2.jsonl");
		assertThat(Files.readAllBytes(this.root.resolve("ml_audit_log/year=2026/month=11/day=22/e-2.jsonl")))
			.isEqualTo(first);
		assertThat(this.meters.counter("ml_audit_records", "outcome", "duplicate").count()).isEqualTo(1);
	}

	@Test
	void deliveriesAtTheSameInstantWriteOneLine() throws Exception {
		LocalDirectoryAuditTrail trail = new LocalDirectoryAuditTrail(this.root, new AuditLayout("audit"));
		AuditRecord record = new AuditRecord("e-3", AuditLayout.name("e-3"), LocalDate.of(2026, 11, 22), List.of(),
				"{\"n\":1}\n".getBytes(StandardCharsets.UTF_8));
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Outcome>> writes = new ArrayList<>();
			for (int i = 0; i < 32; i++) {
				writes.add(() -> trail.append(record));
			}
			List<Outcome> outcomes = new ArrayList<>();
			for (Future<Outcome> outcome : pool.invokeAll(writes)) {
				outcomes.add(outcome.get());
			}
			assertThat(outcomes).filteredOn(Outcome.WRITTEN::equals).hasSize(1);
			assertThat(outcomes).filteredOn(Outcome.DUPLICATE::equals).hasSize(31);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(files()).containsExactly("audit/year=2026/month=11/day=22/e-3.jsonl");
	}

	@Test
	void aMessageWithoutTimestampRedeliveredAfterMidnightIsStillOneLine() {
		String trigger = "{\"id\": \"e-4\", \"job\": \"model-monitoring\", \"metadata\": {}}";
		consumer(Instant.parse("2026-11-22T23:59:30Z")).onMessage(message(trigger, "workflow.job.trigger"));

		consumer(Instant.parse("2026-11-23T00:00:30Z")).onMessage(message(trigger, "workflow.job.trigger"));

		assertThat(files()).containsExactly("ml_audit_log/year=2026/month=11/day=22/e-4.jsonl");
	}

	@Test
	void anIdThatIsNoPlainNameIsStoredUnderItsHash() {
		consumer(NOW).onMessage(message("{\"id\": \"../../etc/passwd\", \"timestamp\": \"2026-11-22T06:00:00Z\"}",
				"ml.model.drift.detected"));

		assertThat(files()).singleElement()
			.asString()
			.matches("ml_audit_log/year=2026/month=11/day=22/sha256-[0-9a-f]{64}\\.jsonl");
	}

	@Test
	void aBrokenMessageIsRejectedWithItsReasonAndNothingIsWritten() {
		assertThatExceptionOfType(RejectedMessageException.class)
			.isThrownBy(() -> consumer(NOW).onMessage(message("{not json", "ml.model.drift.detected")))
			.satisfies((rejected) -> assertThat(rejected.reason()).isEqualTo(ParkReason.NOT_JSON));
		assertThat(files()).isEmpty();
	}

	@Test
	void aMissingDirectoryFailsStartUpNamingTheKey() {
		AuditLogProperties properties = new AuditLogProperties(null, "ml-audit", "/ml_audit_log",
				this.root.resolve("missing").toString(), "q", "q.errors", null);

		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> AuditConfiguration.create(properties))
			.withMessageContaining("audit_log.local_path must be an existing directory");
	}

	@Test
	void azureAndALocalPathTogetherFailStartUpNamingBothKeys() {
		AuditLogProperties properties = new AuditLogProperties("UseDevelopmentStorage=true", "ml-audit",
				"/ml_audit_log", this.root.toString(), "q", "q.errors", null);

		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> AuditConfiguration.create(properties))
			.withMessageContaining("audit_log.connection_string is set as well; set only one of "
					+ "audit_log.connection_string (AUDIT_LOG_CONNECTION_STRING, Azure) and audit_log.local_path");
	}

	private MLAuditConsumer consumer(Instant now) {
		MessagingProperties messaging = new MessagingProperties("coder_events", Duration.ofSeconds(10),
				DataSize.ofMegabytes(1));
		return new MLAuditConsumer(new MessageReader(json, messaging, Clock.fixed(now, ZoneOffset.UTC)),
				new AuditRecords(json), new LocalDirectoryAuditTrail(this.root, new AuditLayout("ml_audit_log")),
				new AuditMetrics(this.meters));
	}

	private List<String> files() {
		try (Stream<Path> paths = Files.walk(this.root)) {
			return paths.filter(Files::isRegularFile).map((path) -> this.root.relativize(path).toString()).toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Message message(String body, String routingKey) {
		MessageProperties properties = new MessageProperties();
		properties.setReceivedRoutingKey(routingKey);
		properties.setReceivedExchange("coder_events");
		return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
	}

}
