package io.modelmonitoring.mlservice.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import io.modelmonitoring.contracts.HistogramBin;

/**
 * The bar chart of one drift result: per bin, the baseline's share beside the current
 * window's, with the bins that moved most marked. Geometry only; the template draws it.
 *
 * @param bins one entry per bin, lowest first
 * @param yTicks the share axis, bottom to top
 */
public record BinChart(int width, int height, String plotBottom, String plotLeft, String plotRight, List<Bar> bins,
		List<Tick> yTicks) {

	private static final int WIDTH = 760;

	private static final int HEIGHT = 300;

	private static final double LEFT = 56;

	private static final double RIGHT = 12;

	private static final double TOP = 14;

	private static final double BOTTOM = 84;

	/**
	 * The fewest bins, largest term first, whose terms make up at least this share of PSI
	 * are marked as the ones that moved.
	 */
	private static final double MOVED_SHARE_OF_PSI = 0.5;

	private static final int MOST_MARKED = 3;

	/**
	 * A bin's label under the axis is cut to this; its title and table row have it whole.
	 */
	private static final int MOST_AXIS_LABEL_CHARS = 18;

	static BinChart of(List<HistogramBin> histogram) {
		double maxShare = histogram.stream()
			.mapToDouble((bin) -> Math.max(bin.baselineShare(), bin.currentShare()))
			.max()
			.orElse(0);
		double top = (maxShare > 0) ? maxShare : 1;
		double plotWidth = WIDTH - LEFT - RIGHT;
		double plotHeight = HEIGHT - TOP - BOTTOM;
		double slot = plotWidth / histogram.size();
		double barWidth = slot * 0.38;
		double psi = histogram.stream().mapToDouble(HistogramBin::contribution).sum();
		Set<Integer> moved = moved(histogram, psi);
		List<String> ranges = RangeLabels.of(histogram);
		List<Bar> bars = new ArrayList<>(histogram.size());
		for (int i = 0; i < histogram.size(); i++) {
			HistogramBin bin = histogram.get(i);
			double x = LEFT + i * slot;
			double baselineHeight = plotHeight * bin.baselineShare() / top;
			double currentHeight = plotHeight * bin.currentShare() / top;
			bars.add(new Bar(i, ranges.get(i), axisLabel(ranges.get(i)), Numbers.coordinate(x + slot * 0.1),
					Numbers.coordinate(x + slot * 0.52), Numbers.coordinate(barWidth),
					Numbers.coordinate(TOP + plotHeight - baselineHeight), Numbers.coordinate(baselineHeight),
					Numbers.coordinate(TOP + plotHeight - currentHeight), Numbers.coordinate(currentHeight),
					Numbers.coordinate(x + slot / 2), Numbers.coordinate(TOP + plotHeight + 12), Numbers.coordinate(x),
					Numbers.coordinate(slot), Numbers.coordinate(TOP), Numbers.coordinate(plotHeight),
					Double.toString(bin.baselineShare()), Double.toString(bin.currentShare()), bin.baselineCount(),
					bin.currentCount(), Numbers.percent(bin.baselineShare()), Numbers.percent(bin.currentShare()),
					Numbers.figure(bin.contribution()), (psi > 0) ? Numbers.percent(bin.contribution() / psi) : "–",
					moved.contains(i)));
		}
		List<Tick> ticks = IntStream.rangeClosed(0, 4)
			.mapToObj((k) -> new Tick(Numbers.coordinate(TOP + plotHeight - plotHeight * k / 4.0),
					Numbers.percent(top * k / 4.0)))
			.toList();
		return new BinChart(WIDTH, HEIGHT, Numbers.coordinate(TOP + plotHeight), Numbers.coordinate(LEFT),
				Numbers.coordinate(WIDTH - RIGHT), bars, ticks);
	}

	private static String axisLabel(String range) {
		return (range.length() > MOST_AXIS_LABEL_CHARS) ? range.substring(0, MOST_AXIS_LABEL_CHARS - 1) + "…" : range;
	}

	private static Set<Integer> moved(List<HistogramBin> histogram, double psi) {
		List<Integer> largestFirst = IntStream.range(0, histogram.size())
			.boxed()
			.sorted(Comparator.comparingDouble((Integer i) -> histogram.get(i).contribution()).reversed())
			.toList();
		Set<Integer> moved = new HashSet<>();
		double covered = 0;
		for (int i : largestFirst) {
			if (moved.size() == MOST_MARKED || covered >= MOVED_SHARE_OF_PSI * psi) {
				break;
			}
			moved.add(i);
			covered += histogram.get(i).contribution();
		}
		return moved;
	}

	/**
	 * One bin's pair of bars and its row of the table. Shares are also given in full
	 * ({@code baselineShare}, {@code currentShare}) for what reads the page.
	 *
	 * @param range the bin's range, or its category
	 * @param axisLabel the range as the axis shows it, cut when long
	 */
	public record Bar(int index, String range, String axisLabel, String baselineX, String currentX, String barWidth,
			String baselineY, String baselineHeight, String currentY, String currentHeight, String labelX,
			String labelY, String slotX, String slotWidth, String plotTop, String plotHeight, String baselineShare,
			String currentShare, long baselineCount, long currentCount, String baselinePercent, String currentPercent,
			String contribution, String shareOfPsi, boolean moved) {
	}

	public record Tick(String y, String label) {
	}

}
