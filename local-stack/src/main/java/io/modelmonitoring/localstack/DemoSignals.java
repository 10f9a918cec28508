package io.modelmonitoring.localstack;

import java.util.Locale;
import java.util.SplittableRandom;

import io.modelmonitoring.localstack.DemoScenario.DemoModel;

/**
 * The segment values and input features of a demo record: {@code industry} and
 * {@code region} on the record, {@code deal_size} in its {@code segment} object (both
 * forms ml-service reads), and {@code features} with a log-normal amount, a gamma
 * duration ({@code days_in_stage}), a count with a point mass at zero and a category.
 */
final class DemoSignals {

	static final String[] INDUSTRIES = { "software", "manufacturing", "healthcare" };

	static final String[] REGIONS = { "amer", "emea", "apac" };

	/** Cumulative shares of {@link #REGIONS}: 45 %, 35 %, 20 %. */
	private static final double[] REGION_SHARES = { 0.45, 0.80, 1.0 };

	static final String[] DEAL_SIZES = { "small", "mid", "large" };

	/** Cumulative shares of {@link #DEAL_SIZES}: 50 %, 35 %, 15 %. */
	private static final double[] DEAL_SIZE_SHARES = { 0.50, 0.85, 1.0 };

	static final String[] PLANS = { "free", "pro", "enterprise" };

	private final SplittableRandom random;

	private boolean emea;

	DemoSignals(SplittableRandom random) {
		this.random = random;
	}

	/**
	 * Draws a record's segments and features: the fields to append to its JSON,
	 * {@code , "industry": …}.
	 */
	String next(DemoModel model, boolean current) {
		String industry = INDUSTRIES[this.random.nextInt(INDUSTRIES.length)];
		String region = pick(REGIONS, REGION_SHARES);
		String dealSize = pick(DEAL_SIZES, DEAL_SIZE_SHARES);
		this.emea = region.equals("emea");
		double amount = Math.exp(10 + DemoScenario.gaussian(this.random));
		double daysInStage = 7 * (exponential() + exponential()) * (current ? model.featureFactor() : 1);
		long openTickets = (this.random.nextDouble() < 0.6) ? 0
				: 1 + (long) Math.floor(Math.log(1 - this.random.nextDouble()) / Math.log(0.7));
		String plan = PLANS[this.random.nextInt(PLANS.length)];
		return String.format(Locale.ROOT,
				", \"industry\": \"%s\", \"region\": \"%s\", \"segment\": {\"deal_size\": \"%s\"}, \"features\": "
						+ "{\"deal_amount\": %.2f, \"days_in_stage\": %.3f, \"open_tickets\": %d, \"plan\": \"%s\"}",
				industry, region, dealSize, amount, daysInStage, openTickets, plan);
	}

	/** Whether the record last drawn for this model is one of emea's this week. */
	boolean inEmea(DemoModel model, boolean current) {
		return model.signals() && current && this.emea;
	}

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
