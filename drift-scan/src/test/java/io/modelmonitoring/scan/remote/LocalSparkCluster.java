package io.modelmonitoring.scan.remote;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * The local Spark standalone cluster of {@code scripts/spark-local.sh}, for the tests
 * that submit to it (the Spark job's and ml-service's): where it listens, and a loud
 * failure saying how to start it when it does not.
 */
public final class LocalSparkCluster {

	public static final String MASTER = "spark://127.0.0.1:7077";

	public static final URI REST = URI.create("http://127.0.0.1:6066");

	private LocalSparkCluster() {
	}

	/** Fails unless both the master and its REST server answer. */
	public static void requireRunning() {
		for (int port : new int[] { 7077, 6066 }) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
			}
			catch (IOException ex) {
				throw new IllegalStateException(
						"no Spark standalone master answers on 127.0.0.1:" + port
								+ "; start the local cluster with scripts/spark-local.sh start (the test command does)",
						ex);
			}
		}
	}

}
