package io.modelmonitoring.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BinaryOperator;

import io.modelmonitoring.scan.lake.LogScanRequest;
import io.modelmonitoring.scan.lake.LogScanResult;
import io.modelmonitoring.scan.lake.ScanPasses;
import io.modelmonitoring.scan.lake.ScanPasses.CountingPass;
import io.modelmonitoring.scan.lake.ScanPasses.CountingPlan;
import io.modelmonitoring.scan.lake.ScanPasses.FirstPass;
import org.apache.spark.api.java.JavaRDD;
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
		this.tasks = Math.min(paths.size(), this.maxTasks);
		JavaRDD<String> tasks = this.spark.parallelize(paths, this.tasks);
		HadoopFiles files = this.files;
		FirstPass first = inOrder(tasks.mapPartitions(firstPass(request, files)), ScanPasses.firstPass(request),
				FirstPass::merge);
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
				CountingPass counted = inOrder(tasks.mapPartitions(countingPass(request, files, shipped)),
						plan.counting(request), CountingPass::merge);
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

	private static FlatMapFunction<Iterator<String>, FirstPass> firstPass(LogScanRequest request, HadoopFiles files) {
		return (paths) -> {
			FirstPass part = ScanPasses.firstPass(request);
			paths.forEachRemaining((path) -> part.read(files.open(path)));
			return List.of(part).iterator();
		};
	}

	private static FlatMapFunction<Iterator<String>, CountingPass> countingPass(LogScanRequest request,
			HadoopFiles files, Broadcast<CountingPlan> plan) {
		return (paths) -> {
			CountingPass part = plan.value().counting(request);
			paths.forEachRemaining((path) -> part.read(files.open(path)));
			return List.of(part).iterator();
		};
	}

	/**
	 * The parts of all tasks merged into {@code into} in task order, fetched a batch at a
	 * time: the cluster reads the next batch's files only once the driver has merged the
	 * last, which bounds the parts the driver holds to a batch.
	 */
	private <P> P inOrder(JavaRDD<P> parts, P into, BinaryOperator<P> merge) {
		int partitions = parts.getNumPartitions();
		// Each batch is a Spark job, whose scheduling costs a fraction of a second: a few
		// tasks per core keep the cores busy while bounding what the driver holds.
		int batch = Math.max(MIN_BATCH, TASKS_PER_CORE * this.spark.defaultParallelism());
		P merged = into;
		for (int from = 0; from < partitions; from += batch) {
			int[] ids = new int[Math.min(batch, partitions - from)];
			for (int i = 0; i < ids.length; i++) {
				ids[i] = from + i;
			}
			List<P>[] fetched = parts.collectPartitions(ids);
			for (List<P> partition : fetched) {
				for (P part : new ArrayList<>(partition)) {
					merged = merge.apply(merged, part);
				}
			}
		}
		return merged;
	}

}
