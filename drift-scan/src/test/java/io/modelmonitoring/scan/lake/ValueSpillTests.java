package io.modelmonitoring.scan.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The spill of an in-process scan: what its writers put in comes back, per window and in
 * order, across batches, merged parts, mapped regions and the heap part's arrays; the
 * file goes with the scan, and the heap part back to its budget.
 */
class ValueSpillTests {

	@TempDir
	Path directory;

	/**
	 * Regions of 1,000 doubles and heap arrays of 700: blocks straddle both, and the heap
	 * part's end. The budgets: none (all in the file), some, and more than is written
	 * (all in the heap).
	 */
	@ParameterizedTest(name = "heap budget of {0} values")
	@ValueSource(longs = { 0, 250_000, 10_000_000 })
	void windowsComeBackInTheirOrderAcrossBatchesPartsRegionsAndTheHeapsEnd(long heapValues) {
		SplittableRandom random = new SplittableRandom(7);
		SpillBudget budget = new SpillBudget(heapValues);
		try (ValueSpill spill = ValueSpill.create(this.directory, 1000, budget, 700)) {
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
			assertThat(spill.fileSize()).isEqualTo(Math.max(0, total - heapValues) * Double.BYTES);
			assertThat(budget.available()).isZero();
			for (int g = 0; g < groups; g++) {
				assertThat(merged[g].baselineValues()).isEqualTo(unboxed(baselines.get(g)));
				assertThat(merged[g].currentValues()).isEqualTo(unboxed(currents.get(g)));
			}
		}
		assertThat(budget.available()).as("given back on close").isEqualTo(heapValues);
	}

	@Test
	void aSpillMadeWhileAnotherHoldsTheBudgetWritesToItsFileAndTheBudgetComesBack() {
		SpillBudget budget = new SpillBudget(100);
		try (ValueSpill first = ValueSpill.create(this.directory, 1000, budget, 64)) {
			try (ValueSpill second = ValueSpill.create(this.directory, 1000, budget, 64)) {
				double[] values = new SplittableRandom(3).doubles(150).toArray();
				first.append(batch(values));
				second.append(batch(values));
				assertThat(first.fileSize()).isEqualTo(50 * Double.BYTES);
				assertThat(second.fileSize()).isEqualTo(150 * Double.BYTES);
				double[] back = new double[150];
				first.read(0, 150, back, 0);
				assertThat(back).isEqualTo(values);
				second.read(0, 150, back, 0);
				assertThat(back).isEqualTo(values);
			}
			assertThat(budget.available()).isZero();
		}
		assertThat(budget.available()).isEqualTo(100);
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
	void aSpillHeldInTheHeapIsNotReadAfterItClosesEither() {
		ValueSpill spill = ValueSpill.create(this.directory, 1000, new SpillBudget(10), 4);
		spill.append(batch(new double[] { 1.5, 2.5 }));
		assertThat(spill.fileSize()).isZero();
		spill.close();
		assertThatThrownBy(() -> spill.read(0, 2, new double[2], 0)).isInstanceOf(IllegalStateException.class)
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

	private static ByteBuffer batch(double[] values) {
		ByteBuffer bytes = ValueSpill.direct(values.length * Double.BYTES);
		bytes.asDoubleBuffer().put(values);
		return bytes;
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
