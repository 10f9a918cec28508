package io.modelmonitoring.spark;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.BinaryOperator;

import io.modelmonitoring.scan.lake.LogScanRequest;
import io.modelmonitoring.scan.lake.LogScanResult;
import io.modelmonitoring.scan.lake.ScanPasses;
import io.modelmonitoring.scan.lake.ScanPasses.CountingPass;
import io.modelmonitoring.scan.lake.ScanPasses.CountingPlan;
import io.modelmonitoring.scan.lake.ScanPasses.FirstPass;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * The scan's passes on a cluster: the files are split into tasks of consecutive files,
 * each task reads its files in order into one part with the scan library's own reader
 * (the same invalid-record rules to the letter), and the driver merges the parts in file
 * order, a batch of tasks at a time, so that the driver holds a bounded number of parts.
 * A first pass sketches every group (each model's predictions, its segments and
 * features); groups that outgrew their exact values get counting passes until each has
 * its exact bins. With one file a task, the parts and their merges are those of the
 * in-process scan, so the bins, counts and samples come out the same.
 */
final class SparkScan {

	/** A bracket missed twice is all but impossible; a third miss is a bug. */
	static final int MAX_PASSES = 4;

	static final int MIN_BATCH = 8;

	static final int TASKS_PER_CORE = 4;

	static final int BATCHES_IN_FLIGHT = 2;

	private final JavaSparkContext spark;

	private final HadoopFiles files;

	private final int maxTasks;

	private int passes;

	private int tasks;

	SparkScan(JavaSparkContext spark, HadoopFiles files, int maxTasks) {
		this.spark = spark;
		this.files = files;
		this.maxTasks = maxTasks;
	}

	LogScanResult scan(List<String> paths, LogScanRequest request) {
		if (paths.isEmpty()) {
			FirstPass empty = ScanPasses.firstPass(request);
			this.passes = 0;
			return empty.result(empty.plan());
		}
		List<List<String>> tasks = tasks(paths, Math.min(paths.size(), this.maxTasks));
		this.tasks = tasks.size();
		HadoopFiles files = this.files;
		FirstPass first = inOrder(tasks, firstPass(request, files), ScanPasses.firstPass(request), FirstPass::merge);
		this.passes = 1;
		CountingPlan plan = first.plan();
		while (plan.pending()) {
			if (this.passes == MAX_PASSES) {
				throw new IllegalStateException(
						"the bins of some groups were not exact after " + MAX_PASSES + " passes");
			}
			plan.prepare();
			Broadcast<CountingPlan> shipped = this.spark.broadcast(plan);
			try {
				CountingPass counted = inOrder(tasks, countingPass(request, files, shipped), plan.counting(request),
						CountingPass::merge);
				plan.take(counted);
			}
			finally {
				shipped.destroy();
			}
			this.passes++;
		}
		return first.result(plan);
	}

	int passes() {
		return this.passes;
	}

	int tasks() {
		return this.tasks;
	}

	/** Consecutive files, as evenly as they split: the files of each task in order. */
	static List<List<String>> tasks(List<String> paths, int count) {
		List<List<String>> tasks = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			int from = (int) ((long) i * paths.size() / count);
			int to = (int) ((long) (i + 1) * paths.size() / count);
			tasks.add(List.copyOf(paths.subList(from, to)));
		}
		return tasks;
	}

	private static FlatMapFunction<Iterator<List<String>>, FirstPass> firstPass(LogScanRequest request,
			HadoopFiles files) {
		return (tasks) -> {
			FirstPass part = ScanPasses.firstPass(request);
			tasks.forEachRemaining((paths) -> paths.forEach((path) -> part.read(files.open(path))));
			return List.of(part).iterator();
		};
	}

	private static FlatMapFunction<Iterator<List<String>>, CountingPass> countingPass(LogScanRequest request,
			HadoopFiles files, Broadcast<CountingPlan> plan) {
		return (tasks) -> {
			CountingPass part = plan.value().counting(request);
			tasks.forEachRemaining((paths) -> paths.forEach((path) -> part.read(files.open(path))));
			return List.of(part).iterator();
		};
	}

	/**
	 * The parts of all tasks merged into {@code into} in task order. The tasks run a
	 * batch (a Spark job) at a time, the next batch already running while the driver
	 * merges the last: the driver holds at most two batches of parts, and the cores do
	 * not wait for its merges.
	 */
	private <P> P inOrder(List<List<String>> tasks, FlatMapFunction<Iterator<List<String>>, P> pass, P into,
			BinaryOperator<P> merge) {
		// Each batch is a Spark job, whose scheduling costs a fraction of a second: a few
		// tasks per core keep the cores busy.
		int batch = Math.max(MIN_BATCH, TASKS_PER_CORE * this.spark.defaultParallelism());
		Deque<JavaFutureAction<List<P>>> running = new ArrayDeque<>();
		int submitted = 0;
		P merged = into;
		try {
			while (submitted < tasks.size() || !running.isEmpty()) {
				while (running.size() < BATCHES_IN_FLIGHT && submitted < tasks.size()) {
					List<List<String>> slice = tasks.subList(submitted, Math.min(tasks.size(), submitted + batch));
					running.add(this.spark.parallelize(new ArrayList<>(slice), slice.size())
						.mapPartitions(pass)
						.collectAsync());
					submitted += slice.size();
				}
				for (P part : running.removeFirst().get()) {
					merged = merge.apply(merged, part);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("drift scan interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("a task of the drift scan failed: " + ex.getCause(), ex.getCause());
		}
		finally {
			running.forEach((job) -> job.cancel(true));
		}
		return merged;
	}

}
