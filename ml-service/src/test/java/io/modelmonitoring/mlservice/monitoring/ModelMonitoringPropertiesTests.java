package io.modelmonitoring.mlservice.monitoring;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class ModelMonitoringPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void segmentsAndFeaturesAreOnByDefault() {
		this.contextRunner.run((context) -> {
			ModelMonitoringProperties properties = context.getBean(ModelMonitoringProperties.class);
			assertThat(properties.segments().dimensions()).containsExactly("industry", "region", "deal_size");
			assertThat(properties.scanSignals().features()).isTrue();
			assertThat(properties.scanSignals().maxFeatures()).isEqualTo(50);
			assertThat(properties.driftSettings().maxCategories()).isEqualTo(20);
		});
	}

	@Test
	void anEmptyListOfDimensionsChecksNoSegment() {
		this.contextRunner.withPropertyValues("model_monitoring.segments.dimensions=")
			.run((context) -> assertThat(context.getBean(ModelMonitoringProperties.class).segments().dimensions())
				.isEmpty());
	}

	@ParameterizedTest
	@ValueSource(strings = { "region,region", "prediction", "features", "re gion", "<script>" })
	void aDimensionThatCannotBeAFieldFailsNamingTheKey(String dimensions) {
		this.contextRunner.withPropertyValues("model_monitoring.segments.dimensions=" + dimensions)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("model_monitoring.segments.dimensions"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "model_monitoring.features.max_per_model=0", "model_monitoring.features.max_categories=0",
			"model_monitoring.segments.max_values=1001", "model_monitoring.segments.min_count=0" })
	void aBoundOutOfRangeFailsNamingTheKey(String setting) {
		this.contextRunner.withPropertyValues(setting)
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("model-monitoring"));
	}

	@Test
	void thePValueGateIsOnByDefault() {
		this.contextRunner
			.run((context) -> assertThat(context.getBean(ModelMonitoringProperties.class).driftSettings().maxPValue())
				.isEqualTo(0.01));
	}

	@Test
	void anEmptyPValueLetsPsiAloneDecide() {
		this.contextRunner.withPropertyValues("model_monitoring.psi_max_p_value=")
			.run((context) -> assertThat(context.getBean(ModelMonitoringProperties.class).driftSettings().maxPValue())
				.isNull());
	}

	@Test
	void theEnvironmentVariableSetsTheGate() {
		this.contextRunner
			.withInitializer(
					(context) -> context.getEnvironment()
						.getPropertySources()
						.addFirst(new SystemEnvironmentPropertySource(
								StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								Map.of("MODEL_MONITORING_PSI_MAX_P_VALUE", "0.05"))))
			.run((context) -> assertThat(context.getBean(ModelMonitoringProperties.class).driftSettings().maxPValue())
				.isEqualTo(0.05));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "0.0001", "1.5", "-0.01", "NaN", "often" })
	void aPValueGateThatCannotWorkFailsNamingTheKey(String value) {
		this.contextRunner.withPropertyValues("model_monitoring.psi_max_p_value=" + value)
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'model-monitoring.psi-max-p-value'")
				.rootCause()
				.hasMessageContaining("above 0.0001 (the smallest p-value of the permutation test) and at most 1"));
	}

	@Test
	void alertsAndDataHealthHaveTheirDefaults() {
		this.contextRunner.run((context) -> {
			ModelMonitoringProperties properties = context.getBean(ModelMonitoringProperties.class);
			assertThat(properties.alerts().publish()).isEqualTo(ModelMonitoringProperties.PublishPolicy.EVERY_RUN);
			assertThat(properties.volume().minRatio()).isEqualTo(0.1);
			assertThat(properties.maxEvaluationAge()).isEqualTo(Duration.ofDays(14));
			assertThat(properties.reportBaseUrl()).isNull();
		});
	}

	@Test
	void onChangeBindsAsTheRunbookSpellsIt() {
		this.contextRunner.withPropertyValues("model_monitoring.alerts.publish=on_change")
			.run((context) -> assertThat(context.getBean(ModelMonitoringProperties.class).alerts().publish())
				.isEqualTo(ModelMonitoringProperties.PublishPolicy.ON_CHANGE));
	}

	@Test
	void aMaxEvaluationAgeThatIsNotPositiveFailsNamingTheKey() {
		this.contextRunner.withPropertyValues("model_monitoring.max_evaluation_age=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("model_monitoring.max_evaluation_age must be positive"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ModelMonitoringProperties.class)
	static class PropertiesConfiguration {

	}

}
