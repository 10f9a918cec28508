package io.modelmonitoring.demodata;

import java.util.SplittableRandom;

/**
 * The segment values and input features of one demo record at a time, from a random
 * stream of their own, so that a lake without them has exactly the predictions it has
 * with them. Segments: {@code industry} and {@code region} as top-level fields,
 * {@code deal_size} in the {@code segment} object (collectors write both forms). Numeric
 * features of ten shapes, repeated under numbered names beyond ten: a log-normal amount,
 * a gamma-distributed duration, a count with a point mass at zero, a heavy-tailed change
 * (Student's t with 2 degrees of freedom), small integers, a skewed percentage, a uniform
 * age, a bounded rate, an exponential delay, a bimodal size; then {@code plan} (a string)
 * and {@code is_renewal} (a boolean).
 * <p>
 * The stories: in {@link DemoLakeSpec#REGION_STORY}'s current window the predictions of
 * {@link #DRIFTING_REGION} move up by {@link #REGION_SHIFT} on the logit scale, diluted
 * for the model as a whole by the region's share; in {@link DemoLakeSpec#FEATURE_STORY}'s
 * current window {@link #DRIFTING_FEATURE} grows by {@link #FEATURE_FACTOR}, its
 * predictions unchanged.
 */
final class DemoRecords {

	static final String[] INDUSTRIES = { "software", "manufacturing", "healthcare", "finance", "retail" };

	static final String[] REGIONS = { "amer", "emea", "apac" };

	/** Cumulative shares of {@link #REGIONS}: 45 %, 35 %, 20 %. */
	private static final double[] REGION_SHARES = { 0.45, 0.80, 1.0 };

	static final String[] DEAL_SIZES = { "small", "mid", "large" };

	/** Cumulative shares of {@link #DEAL_SIZES}: 50 %, 35 %, 15 %. */
	private static final double[] DEAL_SIZE_SHARES = { 0.50, 0.85, 1.0 };

	static final String DRIFTING_REGION = "emea";

	/** PSI about 0.45 for the region, about 0.06 for the model as a whole. */
	static final double REGION_SHIFT = 0.55;

	static final String[] NUMERIC_FEATURES = { "deal_amount", "days_in_stage", "open_tickets", "revenue_change",
			"contacts", "discount_pct", "account_age_years", "win_rate_history", "response_hours", "seat_count" };

	/** The index of {@link #DRIFTING_FEATURE} in {@link #NUMERIC_FEATURES}. */
	private static final int DRIFTING_FEATURE_INDEX = 1;

	static final String DRIFTING_FEATURE = NUMERIC_FEATURES[DRIFTING_FEATURE_INDEX];

	/** PSI about 0.4 for a gamma(2) duration scaled by this. */
	static final double FEATURE_FACTOR = 1.7;

	static final String[] PLANS = { "free", "pro", "enterprise" };

	private final SplittableRandom random;

	private final String[] featureNames;

	private final int categoricalFeatures;

	private final boolean segments;

	private final double[] numbers;

	private String industry;

	private String region;

	private String dealSize;

	private String plan;

	private boolean renewal;

	private double logitShift;

	DemoRecords(DemoLakeSpec spec, long seed) {
		// A fresh generator of the file's seed, split: a stream apart from the
		// predictions'.
		this.random = new SplittableRandom(seed).split();
		this.segments = spec.segments();
		this.categoricalFeatures = spec.categoricalFeatures();
		this.numbers = new double[spec.numericFeatures()];
		this.featureNames = new String[spec.numericFeatures()];
		for (int k = 0; k < this.featureNames.length; k++) {
			String base = NUMERIC_FEATURES[k % NUMERIC_FEATURES.length];
			this.featureNames[k] = (k < NUMERIC_FEATURES.length) ? base
					: base + "_" + (k / NUMERIC_FEATURES.length + 1);
		}
	}

	/** Draws the next record's values. */
	void next(int tenant, int model, boolean current) {
		this.logitShift = 0;
		if (this.segments) {
			this.industry = INDUSTRIES[this.random.nextInt(INDUSTRIES.length)];
			this.region = pick(REGIONS, REGION_SHARES);
			this.dealSize = pick(DEAL_SIZES, DEAL_SIZE_SHARES);
			if (current && DemoLakeSpec.regionStory(tenant, model) && DRIFTING_REGION.equals(this.region)) {
				this.logitShift = REGION_SHIFT;
			}
		}
		boolean featureDrifts = current && DemoLakeSpec.featureStory(tenant, model);
		for (int k = 0; k < this.numbers.length; k++) {
			double value = numeric(k % NUMERIC_FEATURES.length);
			if (featureDrifts && k == DRIFTING_FEATURE_INDEX) {
				value *= FEATURE_FACTOR;
			}
			this.numbers[k] = Math.round(value * 1000) / 1000.0;
		}
		if (this.categoricalFeatures > 0) {
			this.plan = PLANS[(this.random.nextDouble() < 0.5) ? 0 : (this.random.nextDouble() < 0.7) ? 1 : 2];
		}
		if (this.categoricalFeatures > 1) {
			this.renewal = this.random.nextDouble() < 0.3;
		}
	}

	/** What the record's segment adds to its prediction's logit. */
	double logitShift() {
		return this.logitShift;
	}

	/** The fields after the prediction-only ones: {@code ,"industry":…}, or nothing. */
	void json(StringBuilder line) {
		if (this.segments) {
			line.append(",\"industry\":\"")
				.append(this.industry)
				.append("\",\"region\":\"")
				.append(this.region)
				.append("\",\"segment\":{\"deal_size\":\"")
				.append(this.dealSize)
				.append("\"}");
		}
		if (this.numbers.length + this.categoricalFeatures == 0) {
			return;
		}
		line.append(",\"features\":{");
		for (int k = 0; k < this.numbers.length; k++) {
			line.append((k == 0) ? "\"" : ",\"").append(this.featureNames[k]).append("\":").append(this.numbers[k]);
		}
		if (this.categoricalFeatures > 0) {
			line.append((this.numbers.length == 0) ? "" : ",").append("\"plan\":\"").append(this.plan).append('"');
		}
		if (this.categoricalFeatures > 1) {
			line.append(",\"is_renewal\":").append(this.renewal);
		}
		line.append('}');
	}

	private double numeric(int shape) {
		SplittableRandom r = this.random;
		return switch (shape) {
			case 0 -> Math.exp(10 + r.nextGaussian());
			case 1 -> 7 * (exponential() + exponential());
			case 2 -> (r.nextDouble() < 0.6) ? 0 : 1 + Math.floor(Math.log(1 - r.nextDouble()) / Math.log(0.7));
			case 3 -> r.nextGaussian() / Math.sqrt(exponential());
			case 4 -> 1 + r.nextInt(12);
			case 5 -> 30 * Math.pow(r.nextDouble(), 2);
			case 6 -> 20 * r.nextDouble();
			case 7 -> Math.min(1, Math.max(0, 0.3 + 0.15 * r.nextGaussian()));
			case 8 -> 6 * exponential();
			default -> (r.nextDouble() < 0.7) ? 10 + 3 * r.nextGaussian() : 200 + 40 * r.nextGaussian();
		};
	}

	/** Exponential with mean 1 (so z / √E is Student's t with 2 degrees of freedom). */
	private double exponential() {
		return -Math.log(1 - this.random.nextDouble());
	}

	private String pick(String[] values, double[] cumulativeShares) {
		double u = this.random.nextDouble();
		for (int i = 0; i < values.length; i++) {
			if (u < cumulativeShares[i]) {
				return values[i];
			}
		}
		return values[values.length - 1];
	}

}
