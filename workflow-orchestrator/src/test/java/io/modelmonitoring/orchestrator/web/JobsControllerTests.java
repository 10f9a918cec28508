package io.modelmonitoring.orchestrator.web;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.modelmonitoring.contracts.JobTrigger;
import io.modelmonitoring.orchestrator.config.WebSliceConfiguration;
import io.modelmonitoring.orchestrator.schedule.BatchJobsProperties;
import io.modelmonitoring.orchestrator.trigger.JobTriggerPublisher;
import io.modelmonitoring.orchestrator.trigger.TriggerRefusals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The jobs API's controller and its advice, with the trigger publisher mocked: what each
 * bad trigger request, unknown job and failed publish is answered with, and what a good
 * trigger hands the publisher.
 * <p>
 * Filters are off. The token check, the refusal of a token in the URL and the body cap
 * (413) are service-security's, tested once in that module against a minimal app;
 * {@code JobsApiIntegrationTests} proves, with one case per attack, that this service
 * wires them to its API. Importing the security configuration here would test the
 * module's logic a third time and make every case here mint a token.
 */
@WebMvcTest(JobsController.class)
@AutoConfigureMockMvc(addFilters = false)
@Import({ WebSliceConfiguration.class, JobsControllerTests.Schedules.class })
class JobsControllerTests {

	static final String JOBS = "/api/v1/workflow/jobs";

	static final String TRIGGER = JOBS + "/model-monitoring/trigger";

	static final Instant NOW = Instant.parse("2026-11-22T06:00:00Z");

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@MockitoBean
	JobTriggerPublisher publisher;

	/**
	 * Jackson 3.2 reads a list inside tenantIds as trailing tokens after the body and
	 * reports no path for it: that problem describes the body's shape instead.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			not JSON                          | not json                                  |
			truncated JSON                    | {"tenantIds": [                           |
			an array instead of an object     | ["tenant-1"]                              |
			a string instead of an object     | "tenant-1"                                |
			tenantIds a string                | {"tenantIds": "tenant-1"}                 | tenantIds
			tenantIds an object               | {"tenantIds": {"id": "tenant-1"}}         | tenantIds
			tenantIds holding a number        | {"tenantIds": [1]}                        | tenantIds[0]
			tenantIds holding a boolean       | {"tenantIds": ["tenant-1", true]}         | tenantIds[1]
			tenantIds holding null            | {"tenantIds": ["tenant-1", null]}         | tenantIds[1]
			tenantIds holding an empty string | {"tenantIds": [""]}                       | tenantIds[0]
			tenantIds holding a blank string  | {"tenantIds": ["tenant-1", "  "]}         | tenantIds[1]
			tenantIds holding a list (no path)| {"tenantIds": [["tenant-1"]]}             |
			an operator object as a string    | {"tenantIds": ["{\\"$ne\\": null}"]}      | tenantIds[0]
			$where                            | {"tenantIds": ["tenant-1", "$where"]}     | tenantIds[1]
			129 characters                    | {"tenantIds": ["%s"]}                     | tenantIds[0]
			a newline in a tenant id          | {"tenantIds": ["tenant-1\\nforged"]}      | tenantIds[0]
			a misspelt tenantIds              | {"tenantId": ["tenant-1"]}                | tenantId
			tenantIds twice, widening the run | {"tenantIds": ["tenant-1"], "tenantIds": []} | tenantIds
			triggeredBy blank                 | {"triggeredBy": " "}                      | triggeredBy
			triggeredBy posing as the schedule| {"triggeredBy": "schedule"}               | triggeredBy
			triggeredBy a number              | {"triggeredBy": 5}                        | triggeredBy
			triggeredBy forging a log line    | {"triggeredBy": "bob\\nERROR forged"}     | triggeredBy
			triggeredBy with a tab            | {"triggeredBy": "bob\\tsmith"}            | triggeredBy
			triggeredBy with NEL (C1)         | {"triggeredBy": "bob\\u0085ERROR forged"} | triggeredBy
			triggeredBy with LINE SEPARATOR   | {"triggeredBy": "bob\\u2028ERROR forged"} | triggeredBy
			triggeredBy with PARAGRAPH SEP.   | {"triggeredBy": "bob\\u2029ERROR forged"} | triggeredBy
			triggeredBy with RTL OVERRIDE     | {"triggeredBy": "bob\\u202Eevil"}         | triggeredBy
			triggeredBy with a zero-width sp. | {"triggeredBy": "bo\\u200Bb"}             | triggeredBy
			triggeredBy over 200 characters   | {"triggeredBy": "%s"}                     | triggeredBy
			""")
	void aBadBodyIsAProblemNamingTheFieldAndPublishesNothing(String name, String body, String field) throws Exception {
		String filled = body.contains("tenantIds") ? body.formatted("a".repeat(129)) : body.formatted("b".repeat(201));
		ResultActions result = invalidRequest(this.mvc.perform(trigger(filled)))
			.andExpect(jsonPath("$.detail", not(containsString("tools.jackson"))))
			.andExpect(jsonPath("$.detail", not(containsString("java."))));
		if (field == null) {
			result.andExpect(jsonPath("$.fields").doesNotExist());
		}
		else {
			result.andExpect(jsonPath("$.fields", contains(field)))
				.andExpect(jsonPath("$.detail", startsWith(field + ": ")));
		}
		assertNothingPublished();
	}

	@Test
	void moreThanAThousandTenantIdsAreAProblemNamingTheField() throws Exception {
		String tooMany = IntStream.rangeClosed(0, 1000)
			.mapToObj((i) -> "\"t-" + i + "\"")
			.collect(Collectors.joining(",", "[", "]"));
		invalidRequest(this.mvc.perform(trigger("{\"tenantIds\": " + tooMany + "}")))
			.andExpect(jsonPath("$.fields", contains("tenantIds")));
		assertNothingPublished();
	}

	@Test
	void aBodyThatIsNotJsonByContentTypeIsUnsupported() throws Exception {
		this.mvc.perform(post(TRIGGER).contentType(MediaType.TEXT_PLAIN).content("tenant-1"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		assertNothingPublished();
	}

	@Test
	void aTriggerIsAcceptedWithWhatThePublisherSent() throws Exception {
		given(this.publisher.publish(eq("model-monitoring"), anyList(), anyString()))
			.willAnswer((call) -> published(call.getArgument(1), call.getArgument(2)));

		this.mvc
			.perform(trigger("{\"tenantIds\": [\"tenant-3\", \"tenant-1\", \"tenant-3\"], "
					+ "\"triggeredBy\": \"alice@example.com\"}"))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.triggerId").value("trigger-1"))
			.andExpect(jsonPath("$.job").value("model-monitoring"))
			.andExpect(jsonPath("$.timestamp").value(NOW.toString()))
			.andExpect(jsonPath("$.tenantIds", contains("tenant-3", "tenant-1")))
			.andExpect(jsonPath("$.triggeredBy").value("alice@example.com"));
		then(this.publisher).should().publish("model-monitoring", List.of("tenant-3", "tenant-1"), "alice@example.com");
	}

	@Test
	void aTriggeredByInAnyScriptIsAccepted() throws Exception {
		given(this.publisher.publish(eq("model-monitoring"), anyList(), anyString()))
			.willAnswer((call) -> published(call.getArgument(1), call.getArgument(2)));

		this.mvc.perform(trigger("{\"triggeredBy\": \"J\u00f6rg M\u00fcller (\u30c7\u30fc\u30bf)\"}"))
			.andExpect(status().isAccepted());
		then(this.publisher).should()
			.publish("model-monitoring", List.of(), "J\u00f6rg M\u00fcller (\u30c7\u30fc\u30bf)");
	}

	@Test
	void noBodyOrAnEmptyObjectTriggersEveryTenantAsManual() throws Exception {
		given(this.publisher.publish(eq("model-monitoring"), anyList(), anyString()))
			.willAnswer((call) -> published(call.getArgument(1), call.getArgument(2)));

		this.mvc.perform(post(TRIGGER)).andExpect(status().isAccepted());
		this.mvc.perform(trigger("{}"))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.tenantIds").isEmpty())
			.andExpect(jsonPath("$.triggeredBy").value("manual"));
		then(this.publisher).should(times(2)).publish("model-monitoring", List.of(), "manual");
	}

	@Test
	void aTriggerOfAnUnknownJobIsNotFoundNamingTheJobsThereAre() throws Exception {
		problem(this.mvc
			.perform(post(JOBS + "/model-monitorin/trigger").contentType(MediaType.APPLICATION_JSON).content("{}")),
				404, "urn:model-monitoring:problem:unknown-job")
			.andExpect(jsonPath("$.title").value("Unknown job"))
			.andExpect(jsonPath("$.job").value("model-monitorin"))
			.andExpect(jsonPath("$.detail", containsString("model-monitoring")));
		assertNothingPublished();
	}

	@Test
	void anUnknownJobOrPathIsNotFound() throws Exception {
		problem(this.mvc.perform(get(JOBS + "/nope")), 404, "urn:model-monitoring:problem:unknown-job")
			.andExpect(jsonPath("$.job").value("nope"));
		this.mvc.perform(get("/api/v1/workflow/nothing"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void aTriggerTheBrokerDidNotTakeIsUnavailableNamingRabbitMq() throws Exception {
		given(this.publisher.publish(eq("model-monitoring"), anyList(), anyString()))
			.willThrow(TriggerRefusals.notPublished("trigger-1",
					"trigger trigger-1 for job model-monitoring was not published after 3 attempt(s): refused"));

		problem(this.mvc.perform(trigger("{}")), 503, "urn:model-monitoring:problem:dependency-unavailable")
			.andExpect(jsonPath("$.title").value("RabbitMQ unavailable"))
			.andExpect(jsonPath("$.dependency").value("RabbitMQ"))
			.andExpect(jsonPath("$.triggerId").value("trigger-1"))
			.andExpect(jsonPath("$.detail", containsString("after 3 attempt(s)")));
	}

	@Test
	void anUnexpectedFailureIsAnInternalErrorThatEchoesNothing() throws Exception {
		given(this.publisher.publish(eq("model-monitoring"), anyList(), anyString()))
			.willThrow(new IllegalStateException("amqp://admin:hunter2@broker.internal"));

		problem(this.mvc.perform(trigger("{}")), 500, "urn:model-monitoring:problem:internal-error")
			.andExpect(content().string(not(containsString("hunter2"))))
			.andExpect(content().string(not(containsString("broker.internal"))));
	}

	@Test
	void theJobsAreListedWithTheirSchedule() throws Exception {
		String body = this.mvc.perform(get(JOBS))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.jobs[0].name").value("model-monitoring"))
			.andExpect(jsonPath("$.jobs[0].cron").value("0 6 * * 0"))
			.andExpect(jsonPath("$.jobs[0].normalizedCron").value("0 0 6 * * 0"))
			.andExpect(jsonPath("$.jobs[0].timezone").value("UTC"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		JsonNode job = this.json.readTree(body).path("jobs").path(0);
		Instant next = Instant.parse(job.path("nextFireTime").asString());
		assertThat(next).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofDays(7)));
		assertThat(next.atZone(ZoneOffset.UTC).getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
		assertThat(next.toString()).endsWith("T06:00:00Z");
		this.mvc.perform(get(JOBS + "/model-monitoring"))
			.andExpect(status().isOk())
			.andExpect(content().json(this.json.writeValueAsString(job), true));
	}

	/** The jobs as configured: application.yml's schedule. */
	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(BatchJobsProperties.class)
	static class Schedules {

	}

	/**
	 * No publish: the publisher's start-up declaration (an event listener, called on the
	 * mock too) is not a trigger.
	 */
	private void assertNothingPublished() {
		then(this.publisher).should(never()).publish(any(), any(), any());
	}

	private static MockHttpServletRequestBuilder trigger(String body) {
		return post(TRIGGER).contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private static JobTrigger published(List<String> tenantIds, String triggeredBy) {
		return new JobTrigger("trigger-1", "workflow.job.trigger", NOW, "workflow-orchestrator", "model-monitoring",
				new JobTrigger.Metadata(List.copyOf(tenantIds)), triggeredBy);
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

}
