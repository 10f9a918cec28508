package io.modelmonitoring.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The DuckDB side of {@link RunBenchmark}: the main class of a JVM of its own, so that
 * its first run is DuckDB's first in the process, as ml-service's first request is its
 * first. Each run opens an in-memory database, computes every (tenant, model)'s baseline
 * deciles and the bin counts of both windows ({@link #statements}), and is timed from
 * opening the connection to the last row read. Before the first, the driver is loaded and
 * answers {@code SELECT version()}, so that extracting and loading its native library is
 * not timed.
 * <p>
 * Arguments: {@code <file list> <threads> <runs> <bins> <baseline from> <baseline to>
 * <current from> <current to>}, the list a text file of one path a line, the bounds
 * ISO-8601 instants. It prints tab-separated lines for the parent: {@code version <v>};
 * {@code run <n> <nanoseconds>} after each run; then the result of the last,
 * {@code edges <tenant> <model> <edge>…} and
 * {@code count <window> <tenant> <model> <bin> <count>} (window 0 the baseline, 1 the
 * current); {@code done}. Exit status 3 when a run's result differs from the first's.
 */
final class DuckDbScan {

	private static final String URL = "jdbc:duckdb:";

	private DuckDbScan() {
	}

	public static void main(String[] args) throws IOException, SQLException {
		// Killed with its parent: a benchmark stopped by Ctrl-C leaves no DuckDB running.
		ProcessHandle.current()
			.parent()
			.ifPresent((parent) -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(1)));
		List<Path> files = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)
			.stream()
			.filter((line) -> !line.isEmpty())
			.map(Path::of)
			.toList();
		int threads = Integer.parseInt(args[1]);
		int runs = Integer.parseInt(args[2]);
		int bins = Integer.parseInt(args[3]);
		List<String> statements = statements(files, bins, Instant.parse(args[4]), Instant.parse(args[5]),
				Instant.parse(args[6]), Instant.parse(args[7]));
		try (Connection connection = DriverManager.getConnection(URL);
				Statement statement = connection.createStatement();
				ResultSet version = statement.executeQuery("SELECT version()")) {
			version.next();
			System.out.println("version\t" + version.getString(1));
		}
		List<String> first = null;
		List<String> last = null;
		for (int run = 1; run <= runs; run++) {
			last = run(statements, threads, run);
			if (first == null) {
				first = last;
			}
			else if (!first.equals(last)) {
				System.err.println("run " + run + " gave another result than run 1");
				System.exit(3);
			}
		}
		last.forEach(System.out::println);
		System.out.println("done");
	}

	/** One timed run; prints its time and returns its result lines. */
	private static List<String> run(List<String> statements, int threads, int run) throws SQLException {
		List<String> result = new ArrayList<>();
		long started = System.nanoTime();
		try (Connection connection = DriverManager.getConnection(URL);
				Statement statement = connection.createStatement()) {
			statement.execute("SET threads = " + threads);
			// Timestamps without an offset (which ml-service counts invalid) read as UTC.
			statement.execute("SET TimeZone = 'UTC'");
			for (String sql : statements.subList(0, statements.size() - 1)) {
				statement.execute(sql);
			}
			try (ResultSet rows = statement.executeQuery(statements.get(statements.size() - 1))) {
				while (rows.next()) {
					result.add("count\t" + rows.getInt(1) + "\t" + rows.getString(2) + "\t" + rows.getString(3) + "\t"
							+ rows.getInt(4) + "\t" + rows.getLong(5));
				}
			}
			long nanoseconds = System.nanoTime() - started;
			System.out.println("run\t" + run + "\t" + nanoseconds);
			// Not timed: the edges, only for the comparison with ml-service's answer.
			try (ResultSet rows = statement.executeQuery("SELECT t, m, q FROM e")) {
				while (rows.next()) {
					StringJoiner line = new StringJoiner("\t").add("edges")
						.add(rows.getString(1))
						.add(rows.getString(2));
					Array edges = rows.getArray(3);
					for (Object edge : (Object[]) edges.getArray()) {
						line.add(Double.toString((Double) edge));
					}
					result.add(line.toString());
				}
			}
		}
		result.sort(null);
		return result;
	}

	/**
	 * The statements of one run: the valid predictions of both windows, each with its
	 * window; every (tenant, model)'s baseline quantiles at k/bins by
	 * {@code quantile_cont} (linear interpolation between order statistics), distinct,
	 * ascending: the edges; and the counts per window and bin, a value's bin being the
	 * number of edges strictly below it. Lines DuckDB cannot read are ignored
	 * ({@code ignore_errors}), as are records without tenant, model, a finite prediction,
	 * or a timestamp in a window.
	 */
	static List<String> statements(List<Path> files, int bins, Instant baselineFrom, Instant baselineTo,
			Instant currentFrom, Instant currentTo) {
		StringJoiner paths = new StringJoiner(", ", "[", "]");
		files.forEach((file) -> paths.add(quoted(file.toString())));
		StringJoiner quantiles = new StringJoiner(", ", "[", "]");
		StringJoiner bin = new StringJoiner(" + ", "(", ")");
		for (int k = 1; k < bins; k++) {
			quantiles.add(Double.toString(k / (double) bins));
			bin.add("coalesce(p > q[" + k + "], false)::INT");
		}
		String x = "CREATE TEMP TABLE x AS SELECT tenantId t, modelId m, prediction p, CASE WHEN \"timestamp\" >= "
				+ timestamp(baselineFrom) + " AND \"timestamp\" < " + timestamp(baselineTo)
				+ " THEN 0 WHEN \"timestamp\" >= " + timestamp(currentFrom) + " AND \"timestamp\" < "
				+ timestamp(currentTo) + " THEN 1 END w FROM read_json(" + paths
				+ ", format='newline_delimited', ignore_errors=true, columns={tenantId:'VARCHAR', "
				+ "modelId:'VARCHAR', prediction:'DOUBLE', \"timestamp\":'TIMESTAMPTZ'}) WHERE tenantId IS NOT NULL "
				+ "AND modelId IS NOT NULL AND isfinite(prediction) AND w IS NOT NULL";
		String e = "CREATE TEMP TABLE e AS SELECT t, m, list_sort(list_distinct(quantile_cont(p, " + quantiles
				+ "))) q FROM x WHERE w = 0 GROUP BY t, m";
		String counts = "SELECT w, t, m, " + bin + " bin, count(*) FROM x JOIN e USING (t, m) GROUP BY ALL";
		return List.of(x, e, counts);
	}

	private static String timestamp(Instant instant) {
		return "TIMESTAMPTZ '" + instant + "'";
	}

	private static String quoted(String text) {
		return "'" + text.replace("'", "''") + "'";
	}

}
