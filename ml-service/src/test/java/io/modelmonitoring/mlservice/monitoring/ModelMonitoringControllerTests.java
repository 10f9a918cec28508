package io.modelmonitoring.mlservice.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.modelmonitoring.mlservice.config.WebSliceConfiguration;
import io.modelmonitoring.mlservice.mongo.DependencyUnavailableException;
import io.modelmonitoring.mlservice.runs.MonitoringRun;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.SignalCounts;
import io.modelmonitoring.mlservice.runs.MonitoringRunStore;
import io.modelmonitoring.mlservice.runs.RunOptions;
import io.modelmonitoring.mlservice.runs.RunOutcome;
import io.modelmonitoring.mlservice.runs.RunRefusals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The run API's controller and its advice, with the service and the run store mocked:
 * what each bad request and each refusal of the service is answered with.
 * <p>
 * Filters are off. The token check, the refusal of a token in the URL and the body cap
 * (413) are service-security's, tested once in that module against a minimal app;
 * {@code SecurityAttackIntegrationTests} proves, with one case per attack, that this
 * service wires them to its API. Importing the security configuration here would test the
 * module's logic a third time and make every case here mint a token.
 */
@WebMvcTest(ModelMonitoringController.class)
@AutoConfigureMockMvc(addFilters = false)
@Import(WebSliceConfiguration.class)
class ModelMonitoringControllerTests {

	static final String API = "/api/v1/ml/model-monitoring";

	static final Instant AS_OF = Instant.parse("2026-11-22T06:00:00Z");

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ModelMonitoringService monitoring;

	@MockitoBean
	MonitoringRunStore runs;

	static Stream<Arguments> badBodies() {
		String tooMany = IntStream.rangeClosed(0, 1000)
			.mapToObj((i) -> "\"t-" + i + "\"")
			.collect(Collectors.joining(",", "[", "]"));
		return Stream.of(Arguments.of("not JSON", "{\"tenantIds\": [", null),
				Arguments.of("a JSON array", "[\"tenant-1\"]", null),
				Arguments.of("tenantIds a string", "{\"tenantIds\": \"tenant-1\"}", "tenantIds"),
				Arguments.of("tenantIds numbers", "{\"tenantIds\": [1, 2]}", "tenantIds[0]"),
				Arguments.of("tenantIds a boolean inside", "{\"tenantIds\": [\"a\", true]}", "tenantIds[1]"),
				Arguments.of("tenantIds with null", "{\"tenantIds\": [\"a\", null]}", "tenantIds[1]"),
				Arguments.of("tenantIds with an empty string", "{\"tenantIds\": [\"\"]}", "tenantIds[0]"),
				Arguments.of("tenantIds an operator object", "{\"tenantIds\": {\"$ne\": null}}", "tenantIds"),
				Arguments.of("tenantIds nested lists", "{\"tenantIds\": [[\"a\"]]}", null),
				Arguments.of("1001 tenant ids", "{\"tenantIds\": " + tooMany + "}", "tenantIds"),
				Arguments.of("an operator object as a string", "{\"tenantIds\": [\"{\\\"$ne\\\": null}\"]}",
						"tenantIds[0]"),
				Arguments.of("$where", "{\"tenantIds\": [\"tenant-1\", \"$where\"]}", "tenantIds[1]"),
				Arguments.of("$ne", "{\"tenantIds\": [\"$ne\"]}", "tenantIds[0]"),
				Arguments.of("a regex", "{\"tenantIds\": [\"tenant-1\", \"/.*/\"]}", "tenantIds[1]"),
				Arguments.of("129 characters", "{\"tenantIds\": [\"" + "a".repeat(129) + "\"]}", "tenantIds[0]"),
				Arguments.of("a space", "{\"tenantIds\": [\"tenant 1\"]}", "tenantIds[0]"),
				Arguments.of("a newline (log forging)", "{\"tenantIds\": [\"tenant-1\\nERROR forged\"]}",
						"tenantIds[0]"),
				Arguments.of("asOf not a date", "{\"asOf\": \"yesterday\"}", "asOf"),
				Arguments.of("asOf a date without time", "{\"asOf\": \"2026-11-22\"}", "asOf"),
				Arguments.of("asOf in the future", "{\"asOf\": \"2999-01-01T00:00:00Z\"}", "asOf"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badBodies")
	void aBadBodyIsAProblemNamingTheFieldAndStartsNoRun(String name, String body, String field) throws Exception {
		ResultActions result = invalidRequest(this.mvc.perform(run(body)))
			.andExpect(jsonPath("$.detail", not(containsString("tools.jackson"))))
			.andExpect(jsonPath("$.detail", not(containsString("java."))));
		if (field != null) {
			result.andExpect(jsonPath("$.fields[0]").value(field))
				.andExpect(jsonPath("$.detail", startsWith(field + ": ")));
		}
		else {
			result.andExpect(jsonPath("$.fields").doesNotExist());
		}
		verifyNoInteractions(this.monitoring);
	}

	@ParameterizedTest(name = "{0} characters")
	@ValueSource(ints = { 0, 256 })
	void anIdempotencyKeyOfNoneOrTooManyCharactersIsAProblemNamingTheHeader(int length) throws Exception {
		String key = (length == 0) ? " " : "k".repeat(length);
		invalidRequest(this.mvc.perform(run("{}").header("Idempotency-Key", key)))
			.andExpect(jsonPath("$.fields[0]").value("Idempotency-Key"));
		verifyNoInteractions(this.monitoring);
	}

	@Test
	void aBodyThatIsNotJsonContentIsUnsupported() throws Exception {
		this.mvc.perform(post(API + "/run").contentType(MediaType.TEXT_PLAIN).content("tenant-1"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		verifyNoInteractions(this.monitoring);
	}

	@Test
	void aRunIsHandedItsTenantsOnceEachWithTheAsOfAndTheKey() throws Exception {
		given(this.monitoring.runForTenants(anyList(), any(), any(), any()))
			.willReturn(new RunOutcome(answer("run-1"), false));

		this.mvc
			.perform(run("{\"tenantIds\": [\"tenant-1\", \"tenant-1\", \"tenant-2\"], \"asOf\": \"" + AS_OF + "\"}")
				.header("Idempotency-Key", "trigger-1"))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist("Idempotent-Replayed"))
			.andExpect(jsonPath("$.runId").value("run-1"))
			.andExpect(jsonPath("$.asOf").value(AS_OF.toString()));
		then(this.monitoring).should()
			.runForTenants(List.of("tenant-1", "tenant-2"), AS_OF, RunOptions.DEFAULT, "trigger-1");
	}

	@Test
	void aRequestWithoutBodyRunsEveryTenantNow() throws Exception {
		given(this.monitoring.runForTenants(anyList(), any(), any(), any()))
			.willReturn(new RunOutcome(answer("run-1"), false));

		this.mvc.perform(post(API + "/run")).andExpect(status().isOk());
		then(this.monitoring).should().runForTenants(List.of(), null, RunOptions.DEFAULT, null);
	}

	@Test
	void aReplayedAnswerSaysSoInAHeader() throws Exception {
		given(this.monitoring.runForTenants(anyList(), any(), any(), any()))
			.willReturn(new RunOutcome(answer("run-1"), true));

		this.mvc.perform(run("{}").header("Idempotency-Key", "trigger-1"))
			.andExpect(status().isOk())
			.andExpect(header().string("Idempotent-Replayed", "true"))
			.andExpect(jsonPath("$.runId").value("run-1"));
	}

	@Test
	void aRunInProgressForTheTenantsIsAConflictNamingIt() throws Exception {
		given(this.monitoring.runForTenants(anyList(), any(), any(), any()))
			.willThrow(RunRefusals.runInProgress("run-0", List.of("tenant-1")));

		problem(this.mvc.perform(run("{\"tenantIds\": [\"tenant-1\"]}")), 409,
				"urn:model-monitoring:problem:run-in-progress")
			.andExpect(jsonPath("$.title").value("Run already in progress"))
			.andExpect(jsonPath("$.runningRunId").value("run-0"))
			.andExpect(jsonPath("$.detail", containsString("tenant-1")));
	}

	@Test
	void theRunOfAKeyStillInProgressIsAConflictWithRetryAfter() throws Exception {
		given(this.monitoring.runForTenants(anyList(), any(), any(), any()))
			.willThrow(RunRefusals.keyedRunInProgress("trigger-1", "run-0", Duration.ofMinutes(2)));

		problem(this.mvc.perform(run("{}").header("Idempotency-Key", "trigger-1")), 409,
				"urn:model-monitoring:problem:idempotent-run-in-progress")
			.andExpect(header().string("Retry-After", "120"))
			.andExpect(jsonPath("$.runningRunId").value("run-0"));
	}

	@Test
	void aRetryAfterUnderASecondIsOneSecond() throws Exception {
		given(this.monitoring.runForTenants(anyList(), any(), any(), any()))
			.willThrow(RunRefusals.keyedRunInProgress("trigger-1", "run-0", Duration.ofMillis(300)));

		this.mvc.perform(run("{}").header("Idempotency-Key", "trigger-1"))
			.andExpect(status().isConflict())
			.andExpect(header().string("Retry-After", "1"));
	}

	@Test
	void aKeyReusedForADifferentRequestIsUnprocessableNamingTheHeader() throws Exception {
		given(this.monitoring.runForTenants(anyList(), any(), any(), any()))
			.willThrow(RunRefusals.keyReused("trigger-1", "run-0"));

		problem(this.mvc.perform(run("{}").header("Idempotency-Key", "trigger-1")), 422,
				"urn:model-monitoring:problem:idempotency-key-reused")
			.andExpect(jsonPath("$.fields[0]").value("Idempotency-Key"))
			.andExpect(jsonPath("$.runId").value("run-0"));
	}

	@Test
	void anUnreachableDependencyIsUnavailableNamingIt() throws Exception {
		given(this.monitoring.runForTenants(anyList(), any(), any(), any()))
			.willThrow(new DependencyUnavailableException("MongoDB", "cannot reach MongoDB", null));

		problem(this.mvc.perform(run("{}")), 503, "urn:model-monitoring:problem:dependency-unavailable")
			.andExpect(jsonPath("$.title").value("MongoDB unavailable"))
			.andExpect(jsonPath("$.dependency").value("MongoDB"))
			.andExpect(jsonPath("$.detail", containsString("MongoDB")));
	}

	@Test
	void anUnexpectedFailureIsAnInternalErrorThatEchoesNothing() throws Exception {
		given(this.monitoring.runForTenants(anyList(), any(), any(), any()))
			.willThrow(new IllegalStateException("mongodb://admin:hunter2@db.internal"));

		problem(this.mvc.perform(run("{}")), 500, "urn:model-monitoring:problem:internal-error")
			.andExpect(jsonPath("$.detail", not(containsString("hunter2"))))
			.andExpect(content().string(not(containsString("db.internal"))));
	}

	@Test
	void aKeptRunIsShown() throws Exception {
		given(this.runs.find("run-1")).willReturn(Optional.of(new MonitoringRun("run-1", "completed", AS_OF,
				List.of("tenant-1"), AS_OF, AS_OF.plusSeconds(3), null, answer("run-1"))));

		this.mvc.perform(get(API + "/runs/run-1"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("completed"))
			.andExpect(jsonPath("$.result.runId").value("run-1"));
	}

	@Test
	void anUnknownRunIsNotFound() throws Exception {
		given(this.runs.find("no-such-run")).willReturn(Optional.empty());

		this.mvc.perform(get(API + "/runs/no-such-run"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(404))
			.andExpect(jsonPath("$.detail").value("no run with id no-such-run"));
	}

	@Test
	void theRunsAreListedTwentyAtATimeUnlessAskedOtherwise() throws Exception {
		given(this.runs.list(any(), anyInt())).willReturn(List.of());

		this.mvc.perform(get(API + "/runs")).andExpect(status().isOk()).andExpect(content().json("[]"));
		this.mvc.perform(get(API + "/runs").param("tenantId", "tenant-1").param("limit", "100"))
			.andExpect(status().isOk());
		then(this.runs).should().list(null, 20);
		then(this.runs).should().list("tenant-1", 100);
	}

	static Stream<Arguments> badListings() {
		return Stream.of(Arguments.of("limit", "0"), Arguments.of("limit", "101"),
				Arguments.of("tenantId", "{\"$ne\": null}"), Arguments.of("tenantId", "tenant 1"));
	}

	@ParameterizedTest(name = "{0}={1}")
	@MethodSource("badListings")
	void aListingOutOfBoundsIsAProblemNamingTheParameter(String parameter, String value) throws Exception {
		invalidRequest(this.mvc.perform(get(API + "/runs").param(parameter, value)))
			.andExpect(jsonPath("$.fields[0]").value(parameter))
			.andExpect(jsonPath("$.detail", startsWith(parameter + ": ")));
		verifyNoInteractions(this.runs);
	}

	@Test
	void aLimitThatIsNotANumberIsABadRequest() throws Exception {
		this.mvc.perform(get(API + "/runs").param("limit", "ten"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		verifyNoInteractions(this.runs);
	}

	private static MockHttpServletRequestBuilder run(String body) {
		return post(API + "/run").contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private static ResultActions invalidRequest(ResultActions result) throws Exception {
		return problem(result, 400, "urn:model-monitoring:problem:invalid-request")
			.andExpect(jsonPath("$.title").value("Invalid request"));
	}

	private static ResultActions problem(ResultActions result, int status, String type) throws Exception {
		return result.andExpect(status().is(status))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(status))
			.andExpect(jsonPath("$.type").value(type));
	}

	private static MonitoringRunResponse answer(String runId) {
		return new MonitoringRunResponse(runId, AS_OF, false, false, 1, List.of(), 0, 0, 0, 0, 0, null, 0, 0, 0, 0, 0,
				0, 0, 5, SignalCounts.NONE, List.of());
	}

}
