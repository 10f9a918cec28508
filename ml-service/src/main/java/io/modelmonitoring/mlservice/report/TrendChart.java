package io.modelmonitoring.mlservice.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import io.modelmonitoring.mlservice.runs.ModelHistoryEntry;

/**
 * One signal of a model over its past runs, oldest on the left, with its threshold as a
 * dashed line. Runs without a value for the signal leave no point. Geometry only.
 *
 * @param signal "psi", "brier" or "mae"
 * @param points one per run with a value, oldest first
 * @param line the points as an SVG polyline
 */
public record TrendChart(String signal, String title, int width, int height, String plotLeft, String plotRight,
		String plotBottom, String thresholdY, String thresholdLabel, String topLabel, List<Point> points, String line) {

	private static final int WIDTH = 360;

	private static final int HEIGHT = 170;

	private static final double LEFT = 44;

	private static final double RIGHT = 10;

	private static final double TOP = 12;

	private static final double BOTTOM = 30;

	/**
	 * @param newestFirst the model's history, newest first, as the store gives it
	 * @return null when no run has a value for the signal
	 */
	static TrendChart of(String signal, String title, double threshold, List<ModelHistoryEntry> newestFirst,
			Function<ModelHistoryEntry, Double> value) {
		List<ModelHistoryEntry> oldestFirst = new ArrayList<>(newestFirst);
		Collections.reverse(oldestFirst);
		double max = threshold;
		boolean any = false;
		for (ModelHistoryEntry entry : oldestFirst) {
			Double v = value.apply(entry);
			if (v != null) {
				max = Math.max(max, v);
				any = true;
			}
		}
		if (!any) {
			return null;
		}
		double top = (max > 0) ? max * 1.15 : 1;
		double plotWidth = WIDTH - LEFT - RIGHT;
		double plotHeight = HEIGHT - TOP - BOTTOM;
		double step = (oldestFirst.size() > 1) ? plotWidth / (oldestFirst.size() - 1) : 0;
		List<Point> points = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < oldestFirst.size(); i++) {
			ModelHistoryEntry entry = oldestFirst.get(i);
			Double v = value.apply(entry);
			if (v == null) {
				continue;
			}
			double x = LEFT + ((oldestFirst.size() > 1) ? i * step : plotWidth / 2);
			double y = TOP + plotHeight - plotHeight * v / top;
			String cx = Numbers.coordinate(x);
			String cy = Numbers.coordinate(y);
			points.add(new Point(cx, cy, entry.runId(), Double.toString(v),
					Numbers.day(entry.asOf()) + ": " + Numbers.figure(v), v > threshold));
			line.append((line.length() > 0) ? " " : "").append(cx).append(',').append(cy);
		}
		return new TrendChart(signal, title, WIDTH, HEIGHT, Numbers.coordinate(LEFT), Numbers.coordinate(WIDTH - RIGHT),
				Numbers.coordinate(TOP + plotHeight),
				Numbers.coordinate(TOP + plotHeight - plotHeight * threshold / top), Numbers.figure(threshold),
				Numbers.figure(top), points, line.toString());
	}

	/**
	 * @param value the signal's value in full, for what reads the page
	 * @param caption the run's day and the value, shown on hover
	 * @param above true when the value is above the threshold
	 */
	public record Point(String x, String y, String runId, String value, String caption, boolean above) {
	}

}
