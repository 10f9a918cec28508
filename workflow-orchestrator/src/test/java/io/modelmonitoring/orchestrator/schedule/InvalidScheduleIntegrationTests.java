package io.modelmonitoring.orchestrator.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.modelmonitoring.orchestrator.WorkflowOrchestratorApplication;
import io.modelmonitoring.testsupport.TestServers;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The whole application refuses to start on a bad schedule, set as the runbook sets it
 * (the environment variable's name) or by its key, and says which key and value.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidScheduleIntegrationTests {

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					MODEL_MONITORING_CRON            | 0 6 * * 8    | batch_jobs.model_monitoring_cron: '0 6 * * 8' is not a valid cron expression
					batch_jobs.model_monitoring_cron | 6 * * 0      | batch_jobs.model_monitoring_cron: '6 * * 0' has 4 fields
					BATCH_JOBS_TIMEZONE              | Europe/Paaris| batch_jobs.timezone: 'Europe/Paaris' is not a time zone ID
					batch_jobs.timezone              | +25:00       | batch_jobs.timezone: '+25:00' is not a time zone ID
					""")
	void startUpFailsNamingKeyAndValue(String setting, String value, String message, CapturedOutput output) {
		// A variable's name is given as the environment gives it; a key, on the command
		// line.
		boolean variable = setting.equals(setting.toUpperCase(Locale.ROOT));
		List<String> arguments = new ArrayList<>(
				List.of("--spring.mongodb.uri=" + TestServers.mongoUri("orchestrator_bad"),
						"--spring.rabbitmq.addresses=amqp://guest:guest@127.0.0.1:" + TestServers.closedPort()));
		if (!variable) {
			arguments.add("--" + setting + "=" + value);
		}
		Map<String, Object> environment = variable ? Map.of(setting, value) : Map.of();
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(WorkflowOrchestratorApplication.class)
				.web(WebApplicationType.NONE)
				.initializers((context) -> context.getEnvironment()
					.getPropertySources()
					.addFirst(new SystemEnvironmentPropertySource(
							StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)))
				.run(arguments.toArray(String[]::new)))
			.havingRootCause()
			.withMessageStartingWith(message);
		assertThat(output).contains("APPLICATION FAILED TO START").contains(message);
	}

}
