package io.modelmonitoring.scan.lake;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.modelmonitoring.scan.Serialization;
import io.modelmonitoring.scan.binning.BinnedWindows;
import io.modelmonitoring.scan.binning.WindowSketch;
import io.modelmonitoring.scan.drift.DriftCheck;
import io.modelmonitoring.scan.drift.DriftDetector;
import io.modelmonitoring.scan.model.FeatureWindows;
import io.modelmonitoring.scan.model.ModelKey;
import io.modelmonitoring.scan.model.ModelSignals;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scan as parts that travel: every file read into a part of its own, each part sent
 * through Java serialization as a cluster sends it, merged in file order; the predictions
 * sketched. The checks must be the in-process scan's, bit for bit.
 */
class ScanPassesTests {

	@TempDir
	static Path lake;

	static List<Path> files;

	static List<DriftCheck> inProcess;

	@BeforeAll
	static void scanInProcess() {
		SketchedScanFixture.write(lake);
		LocalDirectoryLogSource source = new LocalDirectoryLogSource(lake, SketchedScanFixture.PREFIX, 2);
		files = source.files(SketchedScanFixture.REQUEST);
		LogScanResult result = source.scan(SketchedScanFixture.REQUEST);
		assertThat(result.invalidRecords()).isEqualTo(SketchedScanFixture.INVALID_LINES);
		inProcess = DriftDetector.evaluate(result.samples(), result.signals(), SketchedScanFixture.SETTINGS);
	}

	@Test
	void theSpilledScanOnOneThreadAndOnSeveralGivesEveryGroupToTheBit() {
		LogScanResult sequential = new LocalDirectoryLogSource(lake, SketchedScanFixture.PREFIX, 1)
			.scan(SketchedScanFixture.REQUEST);
		LogScanResult parallel = new LocalDirectoryLogSource(lake, SketchedScanFixture.PREFIX, 3)
			.scan(SketchedScanFixture.REQUEST);
		assertThat(parallel.signals().keySet()).isEqualTo(sequential.signals().keySet());
		int groups = 0;
		int large = 0;
		for (Map.Entry<ModelKey, ModelSignals> entry : sequential.signals().entrySet()) {
			ModelSignals want = entry.getValue();
			ModelSignals got = parallel.signals().get(entry.getKey());
			assertThat(got.segments().keySet()).isEqualTo(want.segments().keySet());
			for (String segment : want.segments().keySet()) {
				assertSameBits(entry.getKey() + " " + segment, got.segments().get(segment),
						want.segments().get(segment));
				groups++;
			}
			assertThat(got.features().keySet()).isEqualTo(want.features().keySet());
			for (Map.Entry<String, FeatureWindows> feature : want.features().entrySet()) {
				BinnedWindows numbers = feature.getValue().numbers();
				if (numbers != null) {
					assertSameBits(entry.getKey() + " " + feature.getKey(),
							got.features().get(feature.getKey()).numbers(), numbers);
					groups++;
					large += (numbers.baselineCount() > WindowSketch.EXACT_VALUES) ? 1 : 0;
				}
			}
		}
		assertThat(groups).isGreaterThan(10);
		assertThat(large).as("groups past the values a sketch keeps").isPositive();
	}

	private static void assertSameBits(String what, BinnedWindows got, BinnedWindows want) {
		assertThat(got.edges()).as(what).isEqualTo(want.edges());
		assertThat(got.baselineCounts()).as(what).isEqualTo(want.baselineCounts());
		assertThat(got.currentCounts()).as(what).isEqualTo(want.currentCounts());
		assertThat(got.baselineSample()).as(what).isEqualTo(want.baselineSample());
		assertThat(got.currentSample()).as(what).isEqualTo(want.currentSample());
	}

	@Test
	void partsThatTravelGiveTheInProcessChecksBitForBit() {
		LogScanRequest request = SketchedScanFixture.SKETCHED;
		ScanPasses.FirstPass first = ScanPasses.firstPass(request);
		for (Path file : files) {
			ScanPasses.FirstPass part = ScanPasses.firstPass(request);
			part.read(LogFile.local(file));
			first.merge(Serialization.travelled(part));
		}
		ScanPasses.CountingPlan plan = first.plan();
		assertThat(plan.pending()).as("some groups outgrow their exact values").isTrue();
		int passes = 1;
		while (plan.pending()) {
			plan.prepare();
			ScanPasses.CountingPlan shipped = Serialization.travelled(plan);
			ScanPasses.CountingPass counted = plan.counting(request);
			for (Path file : files) {
				ScanPasses.CountingPass part = shipped.counting(request);
				part.read(LogFile.local(file));
				counted.merge(Serialization.travelled(part));
			}
			plan.take(counted);
			passes++;
		}
		assertThat(passes).isBetween(2, 4);
		LogScanResult result = first.result(plan);
		assertThat(result.invalidRecords()).isEqualTo(SketchedScanFixture.INVALID_LINES);
		assertThat(result.filesRead()).isEqualTo(files.size());
		assertThat(result.samples().values()).allSatisfy((samples) -> {
			assertThat(samples.baseline().size()).isZero();
			assertThat(samples.current().size()).isZero();
		});
		List<DriftCheck> sketched = DriftDetector.evaluate(result.samples(), result.signals(),
				SketchedScanFixture.SETTINGS);
		SketchedScanFixture.assertSameChecks(sketched, inProcess);
		assertThat(inProcess).anySatisfy((check) -> assertThat(check.segment()).isNotNull());
		assertThat(inProcess).anySatisfy((check) -> assertThat(check.categories()).isNotEmpty());
		assertThat(inProcess).anySatisfy((check) -> assertThat(check.skipped()).isTrue());
		assertThat(inProcess)
			.anySatisfy((check) -> assertThat(SketchedScanFixture.subsampledWholeModel(check)).isTrue());
	}

	@Test
	void theFixtureHoldsEdgesWhereTheOtherInterpolationMissesByAnUlp() {
		LogScanResult result = new LocalDirectoryLogSource(lake, SketchedScanFixture.PREFIX, 1)
			.scan(SketchedScanFixture.REQUEST);
		double[] ulp = result.samples().get(new ModelKey("t2", "ulp")).baseline().toArray();
		Arrays.sort(ulp);
		double[] big = result.samples().get(new ModelKey("t1", "big-normal")).baseline().toArray();
		Arrays.sort(big);
		assertThat(SketchedScanFixture.ulpTrapEdges(ulp, 10) + SketchedScanFixture.ulpTrapEdges(big, 10))
			.isGreaterThan(0);
	}

}
