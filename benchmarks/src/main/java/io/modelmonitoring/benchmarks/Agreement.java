package io.modelmonitoring.benchmarks;

import java.util.ArrayList;
import java.util.Formatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.modelmonitoring.scan.model.ModelKey;
import tools.jackson.databind.JsonNode;

/**
 * DuckDB's result against a run's answer, per (tenant, model): the window counts
 * ({@code baselineCount}, {@code currentCount}), the bins, the edges, and the PSI from
 * DuckDB's bins (SPEC §6) against the answer's {@code psi}.
 * <p>
 * The counts may differ only by records that ml-service counts invalid and DuckDB reads:
 * a prediction written as a numeric string, a timestamp without offset (DuckDB takes it
 * as UTC), a tenant or model id that is a number or empty (docs/data-lake.md). So DuckDB
 * may count more, never fewer, and no more in all than the answer's
 * {@code invalidRecords}; anything else is a disagreement. Edges may differ by an ulp
 * (DuckDB's {@code quantile_cont} computes (1−g)·a + g·b, and misses numpy's quantile by
 * one ulp on some edges), and so, rarely, may bins and PSI: those are reported, never
 * hidden, and do not count as disagreement.
 */
final class Agreement {

	private int models;

	private int countsEqual;

	private int noBaseline;

	private int binsCompared;

	private int binsEqual;

	private int edgesCompared;

	private int edgesEqual;

	private long maxEdgeUlps;

	private int psiCompared;

	private double maxPsiDifference;

	private ModelKey maxPsiModel;

	private long moreInDuckDb;

	private boolean fewerInDuckDb;

	private long invalidRecords;

	private double smoothing;

	private final List<String> differences = new ArrayList<>();

	private Agreement() {
	}

	static Agreement of(Map<ModelKey, WindowBins> duckDb, JsonNode answer, double smoothing) {
		Agreement agreement = new Agreement();
		agreement.invalidRecords = answer.path("invalidRecords").longValue();
		agreement.smoothing = smoothing;
		Map<ModelKey, WindowBins> unmatched = new TreeMap<>(duckDb);
		for (JsonNode result : answer.path("results")) {
			if (!result.path("baselineCount").isIntegralNumber()) {
				continue; // known from evaluations only: no drift pair
			}
			ModelKey model = new ModelKey(result.path("tenantId").stringValue(), result.path("modelId").stringValue());
			agreement.compare(model, result, unmatched.remove(model));
		}
		unmatched.forEach((model, bins) -> {
			agreement.moreInDuckDb += bins.baselineCount() + bins.currentCount();
			agreement.differences
				.add(String.format("%s/%s: only in DuckDB's result, %d baseline and %d current predictions",
						model.tenantId(), model.modelId(), bins.baselineCount(), bins.currentCount()));
		});
		return agreement;
	}

	private void compare(ModelKey model, JsonNode result, WindowBins bins) {
		long baseline = result.path("baselineCount").longValue();
		long current = result.path("currentCount").longValue();
		if (bins == null) {
			if (baseline == 0) {
				this.noBaseline++; // DuckDB's join keeps only models with a baseline
			}
			else {
				this.models++;
				this.fewerInDuckDb = true;
				this.differences.add(String.format(
						"%s/%s: not in DuckDB's result; ml-service counts %d baseline and %d current predictions",
						model.tenantId(), model.modelId(), baseline, current));
			}
			return;
		}
		this.models++;
		if (bins.baselineCount() == baseline && bins.currentCount() == current) {
			this.countsEqual++;
		}
		else {
			long more = (bins.baselineCount() - baseline) + (bins.currentCount() - current);
			if (bins.baselineCount() < baseline || bins.currentCount() < current) {
				this.fewerInDuckDb = true;
			}
			else {
				this.moreInDuckDb += more;
			}
			this.differences.add(String.format(
					"%s/%s: DuckDB counts %d baseline and %d current predictions, ml-service %d and %d",
					model.tenantId(), model.modelId(), bins.baselineCount(), bins.currentCount(), baseline, current));
		}
		if (result.path("psi").isNumber()) {
			this.psiCompared++;
			double difference = Math.abs(bins.psi(this.smoothing) - result.path("psi").doubleValue());
			if (this.maxPsiModel == null || difference > this.maxPsiDifference) {
				this.maxPsiDifference = difference;
				this.maxPsiModel = model;
			}
			compareBins(result.path("histogram"), bins);
			compareEdges(result.path("edges"), bins.edges());
		}
	}

	private void compareBins(JsonNode histogram, WindowBins bins) {
		this.binsCompared++;
		if (histogram.size() != bins.edges().size() + 1) {
			return;
		}
		for (int i = 0; i < histogram.size(); i++) {
			if (histogram.get(i).path("baselineCount").longValue() != bins.baseline()[i]
					|| histogram.get(i).path("currentCount").longValue() != bins.current()[i]) {
				return;
			}
		}
		this.binsEqual++;
	}

	private void compareEdges(JsonNode edges, List<Double> duckDbEdges) {
		if (edges.size() != duckDbEdges.size()) {
			return;
		}
		for (int i = 0; i < edges.size(); i++) {
			this.edgesCompared++;
			long ulps = Math.abs(ordered(edges.get(i).doubleValue()) - ordered(duckDbEdges.get(i)));
			if (ulps == 0) {
				this.edgesEqual++;
			}
			this.maxEdgeUlps = Math.max(this.maxEdgeUlps, ulps);
		}
	}

	/** The double's place in the order of all doubles: neighbours differ by one. */
	private static long ordered(double value) {
		long bits = Double.doubleToLongBits(value);
		return (bits >= 0) ? bits : Long.MIN_VALUE - bits;
	}

	/**
	 * Whether the counts agree: equal, or DuckDB's higher by no more than the records
	 * ml-service counted invalid.
	 */
	boolean countsAgree() {
		return !this.fewerInDuckDb && this.moreInDuckDb <= this.invalidRecords;
	}

	int models() {
		return this.models;
	}

	int countsEqual() {
		return this.countsEqual;
	}

	int binsEqual() {
		return this.binsEqual;
	}

	int psiCompared() {
		return this.psiCompared;
	}

	double maxPsiDifference() {
		return this.maxPsiDifference;
	}

	/** What agreed and what did not, in lines indented for the benchmark's output. */
	String text() {
		Formatter out = new Formatter(new StringBuilder(), Locale.ROOT);
		out.format("   window counts (baselineCount, currentCount): %d of %d models equal%s%n", this.countsEqual,
				this.models, (this.noBaseline > 0) ? "; " + this.noBaseline
						+ " models without baseline predictions are not in DuckDB's join, not compared" : "");
		this.differences.stream().limit(10).forEach((line) -> out.format("     %s%n", line));
		if (this.differences.size() > 10) {
			out.format("     … and %d more%n", this.differences.size() - 10);
		}
		if (!this.countsAgree()) {
			out.format("   COUNTS DISAGREE: %s%n",
					this.fewerInDuckDb ? "DuckDB counts fewer than ml-service for some models"
							: "DuckDB counts " + this.moreInDuckDb + " more, beyond the run's " + this.invalidRecords
									+ " invalid records");
		}
		else if (this.moreInDuckDb > 0) {
			out.format("   DuckDB counts %d more, within the run's %d invalid records (records ml-service counts "
					+ "invalid and DuckDB reads: numeric strings, timestamps without offset, ids that are numbers "
					+ "or empty)%n", this.moreInDuckDb, this.invalidRecords);
		}
		out.format("   bins: %d of %d models with the same bins and the same counts in every bin%n", this.binsEqual,
				this.binsCompared);
		out.format("   edges: %d of %d equal to the bit%s%n", this.edgesEqual, this.edgesCompared,
				(this.edgesEqual < this.edgesCompared) ? ", the others at most " + this.maxEdgeUlps + " ulp apart"
						: "");
		out.format(
				"   PSI from DuckDB's bins (SPEC §6: α %s, K = edges + 1) against the answer's psi: "
						+ "max |difference| %.2e over %d models%s%n",
				this.smoothing, this.maxPsiDifference, this.psiCompared, (this.maxPsiDifference > 0)
						? " (" + this.maxPsiModel.tenantId() + "/" + this.maxPsiModel.modelId() + ")" : "");
		return out.toString();
	}

}
