package io.modelmonitoring.mlservice.monitoring;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.modelmonitoring.contracts.LogValues;
import io.modelmonitoring.mlservice.performance.PerformanceEvaluator.SegmentRule;
import io.modelmonitoring.mlservice.performance.PerformanceThresholds;
import io.modelmonitoring.scan.drift.DriftSettings;
import io.modelmonitoring.scan.lake.ScanSignals;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The thresholds and sample rules of a monitoring run ({@code model_monitoring.*}).
 *
 * @param brierThreshold a Brier score strictly above it is degraded
 * @param maeThreshold a mean absolute error strictly above it is degraded
 * @param psiThreshold a PSI strictly above it is drift
 * @param minSamples the fewest valid predictions each window needs for a PSI
 * @param psiBins the number of quantile bins
 * @param psiSmoothing the additive smoothing of bin shares
 * @param psiMaxPValue drift also needs a p-value strictly below it; set empty, PSI alone
 * decides (the runbook's literal rule)
 * @param evaluationsPerTenant how many of a tenant's newest evaluations are read
 * @param reportBaseUrl where operators reach this service (e.g.
 * {@code https://ml.example.com}); when set, findings' events link to their run report
 * @param alerts which detected events a run publishes
 * @param volume when a model's current window counts as too thin
 * @param maxEvaluationAge a model whose newest usable evaluation is older than this,
 * before asOf, is stale
 * @param segments which segments of each model are checked
 * @param features whether and how each model's input features are checked
 */
@Validated
@ConfigurationProperties("model-monitoring")
public record ModelMonitoringProperties(@DefaultValue("0.2") @PositiveOrZero double brierThreshold,
		@DefaultValue("0.2") @PositiveOrZero double maeThreshold,
		@DefaultValue("0.2") @PositiveOrZero double psiThreshold, @DefaultValue("30") @Min(1) int minSamples,
		@DefaultValue("10") @Min(2) @Max(1000) int psiBins, @DefaultValue("0.5") @Positive double psiSmoothing,
		@DefaultValue("0.01") PValueGate psiMaxPValue,
		@DefaultValue("100") @Min(1) @Max(10000) int evaluationsPerTenant,
		@Pattern(regexp = "(https?://[^\\s?#]+)?",
				message = "must be empty or an http or https URL without query or fragment") String reportBaseUrl,
		@DefaultValue @Valid Alerts alerts, @DefaultValue @Valid Volume volume,
		@DefaultValue("14d") Duration maxEvaluationAge, @DefaultValue @Valid Segments segments,
		@DefaultValue @Valid Features features) {

	public ModelMonitoringProperties {
		if (maxEvaluationAge.isNegative() || maxEvaluationAge.isZero()) {
			throw new IllegalArgumentException(
					"model_monitoring.max_evaluation_age must be positive, got " + maxEvaluationAge);
		}
	}

	/**
	 * @param publish {@code every_run}: every run publishes each finding that still
	 * fires, with its state (the runbook's behaviour); {@code on_change}: only new and
	 * resolved findings
	 */
	public record Alerts(@DefaultValue("every_run") PublishPolicy publish) {
	}

	/** Which detected events a run publishes. */
	public enum PublishPolicy {

		EVERY_RUN, ON_CHANGE

	}

	/**
	 * @param minRatio a model with enough baseline predictions whose current window holds
	 * less than this share of the expected count (baseline × 7 / 30) has dropped
	 */
	public record Volume(@DefaultValue("0.1") @Positive @DecimalMax("1.0") double minRatio) {
	}

	/**
	 * @param dimensions the segment dimensions: per (tenant, model, dimension = value)
	 * the predictions get a PSI of their own, and evaluations' per-segment metrics a
	 * check
	 * @param minCount a segment's metrics in an evaluation are checked when its
	 * {@code count} reaches this
	 * @param maxValues the most values of one dimension checked per model (the first by
	 * name); the records of the others are counted as ignored
	 */
	public record Segments(@DefaultValue( {
			"industry", "region", "deal_size" }) List<String> dimensions, @DefaultValue("30") @Min(1) long minCount,
			@DefaultValue("50") @Min(1) @Max(1000) int maxValues){

		/** Fields a record already has a meaning for. */
		private static final Set<String> RESERVED = Set.of("tenantId", "modelId", "prediction", "timestamp", "features",
				"segment");

		private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_.-]{1,64}");

		public Segments {
			Set<String> seen = new HashSet<>();
			for (String dimension : dimensions) {
				if (!NAME.matcher(dimension).matches() || RESERVED.contains(dimension) || !seen.add(dimension)) {
					throw new IllegalArgumentException(
							"model_monitoring.segments.dimensions: each must be 1 to 64 letters, digits, '_', '.' or"
									+ " '-', not a record field (" + String.join(", ", new TreeSet<>(RESERVED))
									+ "), and listed once; got \"" + LogValues.escape(dimension) + "\"");
				}
			}
			dimensions = List.copyOf(dimensions);
		}

	}

	/**
	 * @param enabled whether each model's input features (the record's {@code features}
	 * object) are checked
	 * @param maxPerModel the most features checked per model (the first by name); the
	 * rest are counted as ignored
	 * @param maxCategories a feature of categories is binned by its baseline's most
	 * frequent categories, this many, plus one bin for all others
	 */
	public record Features(@DefaultValue("true") boolean enabled,
			@DefaultValue("50") @Min(1) @Max(1000) int maxPerModel,
			@DefaultValue("20") @Min(1) @Max(1000) int maxCategories) {
	}

	public DriftSettings driftSettings() {
		return new DriftSettings(this.minSamples, this.psiBins, this.psiSmoothing, this.psiThreshold,
				this.psiMaxPValue.maxPValue(), this.features.maxCategories());
	}

	/** What the log scan gathers besides each model's predictions. */
	public ScanSignals scanSignals() {
		return new ScanSignals(this.segments.dimensions(), this.segments.maxValues(), this.features.enabled(),
				this.features.maxPerModel(), this.psiBins);
	}

	public SegmentRule segmentRule() {
		return new SegmentRule(Set.copyOf(this.segments.dimensions()), this.segments.minCount());
	}

	public PerformanceThresholds performanceThresholds() {
		// A new metric is one constant in Metric and one threshold here.
		return PerformanceThresholds.of((metric) -> switch (metric) {
			case BRIER -> this.brierThreshold;
			case MAE -> this.maeThreshold;
		});
	}

}
