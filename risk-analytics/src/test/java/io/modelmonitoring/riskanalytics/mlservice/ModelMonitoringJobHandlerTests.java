package io.modelmonitoring.riskanalytics.mlservice;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import io.modelmonitoring.contracts.JobTrigger;
import io.modelmonitoring.riskanalytics.mlservice.auth.MlServiceTokensTests;
import io.modelmonitoring.riskanalytics.support.ScriptedMlService;
import io.modelmonitoring.riskanalytics.worker.JobFailedException;
import io.modelmonitoring.riskanalytics.worker.JobResult;
import io.modelmonitoring.riskanalytics.worker.TransientJobFailureException;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The handler and its client against MockWebServer, and against a closed port. */
class ModelMonitoringJobHandlerTests {

	private final ScriptedMlService mlService = new ScriptedMlService();

	@AfterEach
	void stop() {
		this.mlService.close();
	}

	@Test
	void readsTheCountsOfTheRunAndIgnoresOtherFields() {
		JobResult result = handler(this.mlService.url()).run(trigger("t-1", List.of("tenant-1")));

		assertThat(result).isEqualTo(new JobResult("run-t-1", 3, 4, 6));
		assertThat(this.mlService.requestsFor("t-1")).singleElement()
			.satisfies((request) -> assertThat(request.getBody().utf8()).isEqualTo("{\"tenantIds\":[\"tenant-1\"]}"));
	}

	@Test
	void connectionRefusedIsTransient() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		String url = "http://127.0.0.1:" + closedPort;

		assertThatExceptionOfType(TransientJobFailureException.class)
			.isThrownBy(() -> handler(url).run(trigger("t-2", List.of())))
			.withMessageStartingWith("ml-service unreachable at " + url + ": ")
			.withMessageContaining("refused");
	}

	@Test
	void anAnswerThatIsNotTheRunIsNotRetried() {
		this.mlService.script("t-3",
				new MockResponse.Builder().code(200)
					.setHeader("Content-Type", "application/json")
					.body("[\"not\", \"a run\"]")
					.build());

		assertThatExceptionOfType(JobFailedException.class)
			.isThrownBy(() -> handler(this.mlService.url()).run(trigger("t-3", List.of())))
			.isNotInstanceOf(TransientJobFailureException.class)
			.withMessageStartingWith("ml-service answer unreadable");
	}

	@Test
	void aServerErrorWithoutProblemDocumentNamesTheStatus() {
		this.mlService.script("t-4", new MockResponse.Builder().code(502).body("<html>bad gateway</html>").build());

		assertThatExceptionOfType(TransientJobFailureException.class)
			.isThrownBy(() -> handler(this.mlService.url()).run(trigger("t-4", List.of())))
			.withMessage("ml-service answered 502 Bad Gateway");
	}

	@Test
	void aConflictWithThisTriggersOwnRunInProgressIsTransient() {
		this.mlService.script("t-5",
				new MockResponse.Builder().code(409)
					.setHeader("Content-Type", "application/problem+json")
					.setHeader("Retry-After", "120")
					.body("{\"type\": \"urn:model-monitoring:problem:idempotent-run-in-progress\", \"status\": 409, "
							+ "\"detail\": \"the run of Idempotency-Key 't-5' (run r-5) is still in progress\"}")
					.build());

		assertThatExceptionOfType(TransientJobFailureException.class)
			.isThrownBy(() -> handler(this.mlService.url()).run(trigger("t-5", List.of())))
			.withMessageStartingWith("ml-service answered 409 Conflict");
	}

	@Test
	void aConflictWithAnotherRunForTheTenantsIsNotRetried() {
		this.mlService.script("t-6",
				new MockResponse.Builder().code(409)
					.setHeader("Content-Type", "application/problem+json")
					.body("{\"type\": \"urn:model-monitoring:problem:run-in-progress\", \"status\": 409, "
							+ "\"detail\": \"a run is already in progress for tenants [tenant-1]\"}")
					.build());

		assertThatExceptionOfType(JobFailedException.class)
			.isThrownBy(() -> handler(this.mlService.url()).run(trigger("t-6", List.of())))
			.isNotInstanceOf(TransientJobFailureException.class);
	}

	@Test
	void withoutAUrlItIsNotRunnable() {
		ModelMonitoringJobHandler handler = handler("");

		assertThat(handler.notRunnableReason()).startsWith("services.ml_service.url");
		assertThat(handler(this.mlService.url()).notRunnableReason()).isNull();
	}

	private static ModelMonitoringJobHandler handler(String url) {
		MlServiceProperties properties = new MlServiceProperties(url, Duration.ofSeconds(1), Duration.ofSeconds(2));
		MlServiceClient client = new MlServiceConfiguration().mlServiceClient(RestClient.builder(), properties,
				MlServiceTokensTests.mintingTokens());
		return new ModelMonitoringJobHandler(client, properties);
	}

	private static JobTrigger trigger(String id, List<String> tenantIds) {
		return new JobTrigger(id, null, null, null, "model-monitoring", new JobTrigger.Metadata(tenantIds), null);
	}

}
