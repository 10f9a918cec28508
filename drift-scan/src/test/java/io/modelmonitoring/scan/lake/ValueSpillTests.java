package io.modelmonitoring.scan.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The spill of an in-process scan: what its writers put in comes back, per window and in
 * order, across batches, merged parts and mapped regions; the file goes with the scan.
 */
class ValueSpillTests {

	@TempDir
	Path directory;

	@Test
	void windowsComeBackInTheirOrderAcrossBatchesPartsAndRegions() {
		SplittableRandom random = new SplittableRandom(7);
		// Regions of 1,000 doubles: blocks straddle them.
		try (ValueSpill spill = ValueSpill.create(this.directory, 1000)) {
			int groups = 40;
			List<List<Double>> baselines = new ArrayList<>();
			List<List<Double>> currents = new ArrayList<>();
			for (int g = 0; g < groups; g++) {
				baselines.add(new ArrayList<>());
				currents.add(new ArrayList<>());
			}
			SpilledWindows[] merged = null;
			// Three parts, as three files; the second holds more than one batch.
			for (int values : new int[] { 5_000, SpillWriter.MAX_WAITING + 123_457, 9_999 }) {
				SpillWriter writer = new SpillWriter(spill);
				SpilledWindows[] part = new SpilledWindows[groups];
				for (int g = 0; g < groups; g++) {
					part[g] = new SpilledWindows(writer);
				}
				for (int i = 0; i < values; i++) {
					int g = random.nextInt(groups);
					double value = random.nextDouble() * 1e6 - 5e5;
					if (random.nextInt(5) == 0) {
						part[g].addCurrent(value);
						currents.get(g).add(value);
					}
					else {
						part[g].addBaseline(value);
						baselines.get(g).add(value);
					}
				}
				assertThat(writer.empty()).isFalse();
				writer.flush();
				assertThat(writer.empty()).isTrue();
				if (merged == null) {
					merged = part;
				}
				else {
					for (int g = 0; g < groups; g++) {
						merged[g].merge(part[g]);
					}
				}
			}
			long total = 0;
			for (int g = 0; g < groups; g++) {
				total += baselines.get(g).size() + currents.get(g).size();
				assertThat(merged[g].baselineCount()).isEqualTo(baselines.get(g).size());
				assertThat(merged[g].currentCount()).isEqualTo(currents.get(g).size());
			}
			assertThat(spill.size()).isEqualTo(total * Double.BYTES);
			for (int g = 0; g < groups; g++) {
				assertThat(merged[g].baselineValues()).isEqualTo(unboxed(baselines.get(g)));
				assertThat(merged[g].currentValues()).isEqualTo(unboxed(currents.get(g)));
			}
		}
	}

	@Test
	void theFileLeavesNoNameBehindAndIsNotReadAfterTheSpill() throws IOException {
		ValueSpill spill = ValueSpill.create(this.directory);
		SpillWriter writer = new SpillWriter(spill);
		SpilledWindows group = new SpilledWindows(writer);
		group.addBaseline(1.5);
		writer.flush();
		// Opened delete-on-close: unlinked at once, so a JVM killed mid-scan leaves none.
		assertThat(files()).isEmpty();
		double[] into = new double[1];
		spill.read(0, 1, into, 0);
		assertThat(into).containsExactly(1.5);
		spill.close();
		assertThat(files()).isEmpty();
		assertThatThrownBy(() -> spill.read(0, 1, into, 0)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("after it was deleted");
	}

	@Test
	void aSpillWhereNoneCanBeMadeSaysWhere() {
		Path missing = this.directory.resolve("no-such-directory");
		assertThatThrownBy(() -> ValueSpill.create(missing)).isInstanceOf(UncheckedIOException.class)
			.hasMessageContaining("cannot create its spill file")
			.hasMessageContaining(missing.toString());
	}

	@Test
	void aPartIsNotMergedOrBinnedWhileItsValuesWait() {
		try (ValueSpill spill = ValueSpill.create(this.directory)) {
			SpillWriter writer = new SpillWriter(spill);
			SpilledWindows waiting = new SpilledWindows(writer);
			waiting.addBaseline(1);
			SpilledWindows written = new SpilledWindows(new SpillWriter(spill));
			assertThatThrownBy(() -> written.merge(waiting)).isInstanceOf(IllegalStateException.class);
			assertThatThrownBy(() -> waiting.binned(10)).isInstanceOf(IllegalStateException.class);
		}
	}

	private List<Path> files() throws IOException {
		try (Stream<Path> listing = Files.list(this.directory)) {
			return listing.toList();
		}
	}

	private static double[] unboxed(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).toArray();
	}

}
