package io.modelmonitoring.security;

import java.util.ArrayList;
import java.util.List;

import io.modelmonitoring.contracts.ProblemTypes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The handler base in a web slice, with a service's subclass of it: one member order, the
 * stable types, bad input naming its fields in order, and a 500 that echoes nothing.
 */
@WebMvcTest(properties = "spring.jackson.deserialization.fail-on-unknown-properties=true")
@ContextConfiguration(classes = ProblemExceptionHandlerTests.Service.class)
class ProblemExceptionHandlerTests {

	@Autowired
	MockMvc mvc;

	final JsonMapper json = JsonMapper.shared();

	@Test
	void aProblemsMembersComeInTheRfcsOrderThenItsOwn() throws Exception {
		JsonNode problem = problem(this.mvc.perform(get("/things/busy")).andReturn(), 409);

		assertThat(memberNames(problem)).containsExactly("type", "title", "status", "detail", "instance",
				"runningRunId");
		assertThat(problem.path("type").asString()).isEqualTo("urn:model-monitoring:problem:run-in-progress");
		assertThat(problem.path("instance").asString()).isEqualTo("/things/busy");
	}

	@Test
	void invalidFieldsAreNamedInAlphabeticalOrder() throws Exception {
		JsonNode problem = create("{\"zone\": \"\", \"name\": \"\"}");

		assertThat(problem.path("type").asString()).isEqualTo("urn:model-monitoring:problem:invalid-request");
		assertThat(problem.path("title").asString()).isEqualTo("Invalid request");
		assertThat(strings(problem.path("fields"))).containsExactly("name", "zone");
		assertThat(problem.path("detail").asString()).isEqualTo("name: must not be blank; zone: must not be blank");
		assertThat(memberNames(problem)).containsExactly("type", "title", "status", "detail", "instance", "fields");
	}

	@Test
	void aFieldOfTheWrongTypeIsDescribedInTheServicesWords() throws Exception {
		JsonNode problem = create("{\"name\": [\"a\"], \"zone\": \"z\"}");

		assertThat(problem.path("detail").asString()).isEqualTo("name: must be a string");
		assertThat(strings(problem.path("fields"))).containsExactly("name");
	}

	@Test
	void anUnknownFieldIsNamedWithWhatTheBodyMayHold() throws Exception {
		JsonNode problem = create("{\"nmae\": \"a\"}");

		assertThat(problem.path("detail").asString())
			.isEqualTo("nmae: is not a known field; request body must be a JSON object with name and zone");
		assertThat(strings(problem.path("fields"))).containsExactly("nmae");
	}

	@Test
	void aBodyOfAnotherShapeOrNoJsonAtAllIsOneInvalidRequest() throws Exception {
		assertThat(create("[1, 2]").path("detail").asString())
			.isEqualTo("request body must be a JSON object with name and zone");
		assertThat(create("{\"name\": ").path("detail").asString()).isEqualTo("request body is not valid JSON");
	}

	@Test
	void anUnexpectedErrorIsA500ThatEchoesNothing() throws Exception {
		JsonNode problem = problem(this.mvc.perform(get("/things/broken")).andReturn(), 500);

		assertThat(problem.path("type").asString()).isEqualTo("urn:model-monitoring:problem:internal-error");
		assertThat(problem.path("detail").asString()).isEqualTo("an internal error occurred; see the service's log");
		assertThat(problem.toString()).doesNotContain("s3cret");
	}

	@Test
	void aServerOutOfReachIsA503NamingIt() throws Exception {
		JsonNode problem = problem(this.mvc.perform(get("/things/remote")).andReturn(), 503);

		assertThat(problem.path("type").asString()).isEqualTo("urn:model-monitoring:problem:dependency-unavailable");
		assertThat(problem.path("title").asString()).isEqualTo("MongoDB unavailable");
		assertThat(problem.path("dependency").asString()).isEqualTo("MongoDB");
	}

	private JsonNode create(String body) throws Exception {
		return problem(
				this.mvc.perform(post("/things").contentType(MediaType.APPLICATION_JSON).content(body)).andReturn(),
				400);
	}

	private JsonNode problem(MvcResult result, int status) throws Exception {
		String body = result.getResponse().getContentAsString();
		assertThat(result.getResponse().getStatus()).as(body).isEqualTo(status);
		assertThat(result.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		return this.json.readTree(body);
	}

	private static List<String> memberNames(JsonNode node) {
		List<String> names = new ArrayList<>();
		node.propertyNames().forEach(names::add);
		return names;
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

	record Thing(@NotBlank String name, @NotBlank String zone) {
	}

	static class Busy extends RuntimeException {

	}

	static class Remote extends RuntimeException {

	}

	@RestController
	static class ThingsController {

		@PostMapping("/things")
		Thing create(@Valid @RequestBody Thing thing) {
			return thing;
		}

		@GetMapping("/things/busy")
		Thing busy() {
			throw new Busy();
		}

		@GetMapping("/things/broken")
		Thing broken() {
			throw new IllegalStateException("the s3cret table is gone");
		}

		@GetMapping("/things/remote")
		Thing remote() {
			throw new Remote();
		}

	}

	/** A service's handler: its own exceptions, its body shape, its words for a field. */
	@RestControllerAdvice
	static class ThingsExceptionHandler extends ProblemExceptionHandler {

		@ExceptionHandler
		ProblemDetail busy(Busy ex) {
			ProblemDetail problem = problem(HttpStatus.CONFLICT, ProblemTypes.RUN_IN_PROGRESS,
					"Run already in progress", "a run is in progress");
			problem.setProperty("runningRunId", "run-1");
			return problem;
		}

		@ExceptionHandler
		ProblemDetail remote(Remote ex) {
			return dependencyUnavailable("MongoDB", "MongoDB cannot be reached");
		}

		@Override
		protected String bodyShape() {
			return "request body must be a JSON object with name and zone";
		}

		@Override
		protected String describeField(String field) {
			return field.equals("name") ? "must be a string" : super.describeField(field);
		}

	}

	/**
	 * The slice has no security: the member order comes from the same bean
	 * {@link ServiceSecurityConfiguration} gives a service.
	 */
	@SpringBootConfiguration
	@Import({ ThingsController.class, ThingsExceptionHandler.class })
	static class Service {

		@Bean
		JacksonModule problemMemberOrder() {
			return new ServiceSecurityConfiguration().problemMemberOrder();
		}

	}

}
