package io.modelmonitoring.mlservice.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.modelmonitoring.mlservice.runs.MonitoringRunResponse.ModelResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The segments and features of a model in its report section, as HTML: what is shown, in
 * which order, how much, and that every name from the logs is escaped where it lands. The
 * model is {@link SegmentResults#calmModelWithDriftedSegment()}.
 */
class ReportSegmentsTests {

	private final ModelSections sections = new ModelSections(SegmentResults.defaultRules());

	private final ReportRenderer renderer = new ReportRenderer();

	@Test
	void theHeadlineSaysASegmentAndAFeatureDriftedWhenTheWholeModelDidNot() {
		ModelSection section = section(SegmentResults.calmModelWithDriftedSegment());

		assertThat(section.findings()).containsExactly(
				"region=emea and feature channel drifted; the model as a whole did not.",
				"Degraded in " + SegmentResults.QUOTE + " (Brier score).");
		assertThat(section.verdictClass()).isEqualTo("drift");
		assertThat(ModelSections.verdict(SegmentResults.calmModelWithDriftedSegment()))
			.isEqualTo("segment drift; segment degraded; feature drift");
	}

	@Test
	void flaggedSegmentsComeFirstThenTheLargestPsi() {
		String page = page(SegmentResults.calmModelWithDriftedSegment());

		// Flagged: emea (drift, PSI 0.689) and the quote (Brier); then PSI 0.11, 0.08,
		// 0.05.
		assertThat(names(table(page, "segment"))).containsExactly("region=emea",
				"region=x&#34; onmouseover=&#34;alert(2)", SegmentResults.LONG.substring(0, 120) + "…",
				"region=&lt;script>alert(1)&lt;/script>", "region=apac");
	}

	@Test
	void aTableShowsAtMostFiftyRowsAndSaysHowManyMore() {
		String features = table(page(SegmentResults.calmModelWithDriftedSegment()), "feature");

		List<String> names = names(features);
		assertThat(names).hasSize(50);
		assertThat(names.get(0)).isEqualTo("channel");
		// The quiet features by PSI, largest first: f00 … f48.
		assertThat(names.subList(1, 50))
			.isEqualTo(java.util.stream.IntStream.range(0, 49).mapToObj((i) -> String.format("f%02d", i)).toList());
		assertThat(page(SegmentResults.calmModelWithDriftedSegment())).contains("11 more not shown");
	}

	@Test
	void eachRowSaysItsFiguresAndSinceWhenItsAlertFires() {
		String segments = table(page(SegmentResults.calmModelWithDriftedSegment()), "segment");

		String emea = row(segments, "region=emea");
		assertThat(emea).contains(">200 / 100<", ">0.6889<", ">0.001<", ">0.004<", ">drift<", ">0.14<",
				"drift new in this run");
		String quote = row(segments, "region=x&#34; onmouseover=&#34;alert(2)");
		assertThat(quote).contains("class=\"num degraded\">0.31 ▲<", "degraded: brier",
				"Brier score ongoing since 2026-11-08 (3 runs)");
		String channel = row(table(page(SegmentResults.calmModelWithDriftedSegment()), "feature"), "channel");
		assertThat(channel).contains(">categorical<", ">0.376<", ">0.002<", "drift ongoing since 2026-11-08 (3 runs)");
	}

	@Test
	void aDriftedSegmentAndADriftedFeatureGetTheirBinCharts() {
		ModelSection section = section(SegmentResults.calmModelWithDriftedSegment());

		assertThat(section.segments().charts()).singleElement().satisfies((chart) -> {
			assertThat(chart.name()).isEqualTo("region=emea");
			// segment_report_reference.py: the largest terms until half of PSI.
			assertThat(chart.chart().bins()).filteredOn(BinChart.Bar::moved)
				.extracting(BinChart.Bar::index)
				.containsExactly(0, 1, 2);
		});
		assertThat(section.features().charts()).singleElement().satisfies((chart) -> {
			assertThat(chart.chart().bins()).extracting(BinChart.Bar::range)
				.containsExactly("web", "store", "other categories");
			assertThat(chart.chart().bins()).filteredOn(BinChart.Bar::moved)
				.extracting(BinChart.Bar::range)
				.containsExactly("other categories");
		});
		String page = page(SegmentResults.calmModelWithDriftedSegment());
		assertThat(page).contains("rotate(-35)\" text-anchor=\"end\">other categories</text>");
		assertThat(page).contains("<a href=\"#" + chartId(section, "segment") + "\">region=emea</a>");
	}

	@Test
	void namesFromTheLogsAreEscapedWhereTheyLand() {
		String page = page(SegmentResults.calmModelWithDriftedSegment());

		assertThat(page).doesNotContain("<script").doesNotContain("=\"x\" onmouseover");
		assertThat(page).contains("data-name=\"region=x&#34; onmouseover=&#34;alert(2)\"");
		assertThat(page).contains("<td class=\"name\" title=\"" + SegmentResults.LONG + "\">");
		assertThat(page).doesNotContain(">" + SegmentResults.LONG + "<");
	}

	@Test
	void thePageSaysTheGateReadsTheAdjustedPValue() {
		String rules = this.sections.rules();

		assertThat(rules).contains("adjusted p-value below 0.01").contains("docs/drift-statistics.md");
		assertThat(page(SegmentResults.calmModelWithDriftedSegment())).contains("adjusted (Benjamini–Hochberg)");
		assertThat(section(SegmentResults.calmModelWithDriftedSegment()).ignored()).isEqualTo(
				"12 records' segment values were not checked (too long, or beyond the values kept per dimension); "
						+ "3 features beyond the most checked per model were not checked.");
	}

	@Test
	void aResultKeptBeforeSegmentsWereCheckedShowsAsBefore() {
		ModelResult calm = SegmentResults.calmModelWithDriftedSegment();
		ModelResult old = new ModelResult(calm.tenantId(), calm.modelId(), 0.5, 0.0001, 0.05, 2000, 500, calm.metrics(),
				true, List.of(), 10, List.of(), calm.histogram(), calm.baselineWindow(), calm.currentWindow(),
				calm.evaluations(), false, false, null, null, null, null, null, null);

		ModelSection section = section(old);

		assertThat(section.findings()).containsExactly(
				"Prediction drift: PSI 0.5 above the threshold 0.2, p-value ≤ 0.0001 below 0.01; sampling alone gives"
						+ " about 0.05.");
		assertThat(section.segments().isEmpty()).isTrue();
		assertThat(section.ignored()).isNull();
		assertThat(page(old)).doesNotContain("<h3>Segments</h3>").doesNotContain("<h3>Features</h3>");
	}

	private ModelSection section(ModelResult result) {
		return this.sections.section(result, List.of(), null);
	}

	private String page(ModelResult result) {
		return this.renderer.run(page(this.sections, result));
	}

	/** A run report of one model, as ReportPages builds it. */
	static RunReportPage page(ModelSections sections, ModelResult result) {
		ModelSection section = sections.section(result, List.of(), null);
		RunReportPage.SummaryRow row = new RunReportPage.SummaryRow(result.tenantId(), result.modelId(),
				section.sectionId(), ModelSections.verdict(result), ModelSections.verdictClass(result), "0.04", "0.7",
				"0.05", "0.12", "–", "2000", "500", null);
		return new RunReportPage("run-segments", "2026-11-22 06:00 UTC", "–", "–", List.of(), sections.rules(),
				List.of(row), List.of(section), "2026-11-22 07:00 UTC");
	}

	private static String chartId(ModelSection section, String kind) {
		return ("segment".equals(kind) ? section.segments() : section.features()).charts().get(0).id();
	}

	private static String table(String page, String kind) {
		int start = page.indexOf("<table class=\"signals\" data-signals=\"" + kind + "\">");
		assertThat(start).as("a %s table", kind).isNotNegative();
		return page.substring(start, page.indexOf("</table>", start));
	}

	private static List<String> names(String table) {
		Matcher matcher = Pattern.compile("<tr class=\"[a-z]+\" data-name=\"([^\"]*)\">").matcher(table);
		List<String> names = new ArrayList<>();
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	private static String row(String table, String name) {
		int start = table.indexOf("data-name=\"" + name + "\"");
		assertThat(start).as("a row of %s", name).isNotNegative();
		return table.substring(start, table.indexOf("</tr>", start));
	}

}
