package io.modelmonitoring.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher's flags. Ports default to the services' own (8081–8084), 5673 for the
 * embedded broker (5672 is left to a RabbitMQ that may already run) and 27017 for the
 * embedded MongoDB.
 */
record StackOptions(boolean once, boolean demo, Path dataDir, long seed, int amqpPort, int mongoPort,
		int orchestratorPort, int workerPort, int mlPort, int consumersPort, String rabbitmqUrl, String mongodbUri,
		Path projectDir) {

	static final String USAGE = """
			Usage: scripts/run-local.sh [options]   (or java -jar local-stack/target/local-stack-0.1.0-SNAPSHOT.jar)
			  --help                 print this and exit
			  --token                print a fresh operator token for the stack running with this
			                         --data-dir, and exit (export TOKEN=$(scripts/run-local.sh --token))
			  --once                 exit after the demo run (status 0 when it completed, 1 when it
			                         failed or a service died)
			  --no-demo              start without the demo: no demo data (an earlier demo's lake
			                         files are deleted, nothing else), no demo run
			  --data-dir DIR         where the lake, the audit trail, the reports and the service
			                         logs go (default ./local-data)
			  --seed N               seed of the demo data (default 42)
			  --amqp-port N          embedded broker port (default 5673)
			  --mongo-port N         embedded MongoDB port (default 27017)
			  --orchestrator-port N  workflow-orchestrator port (default 8081)
			  --worker-port N        risk-analytics port (default 8082)
			  --ml-port N            ml-service port (default 8083)
			  --consumers-port N     event-consumers port (default 8084)
			  --rabbitmq-url URL     use this broker instead of the embedded one (or RABBITMQ_URL)
			  --mongodb-uri URI      use this MongoDB instead of the embedded one (or MONGODB_URI)
			  --project-dir DIR      where the service modules were built (default .)
			""";

	static StackOptions parse(String[] args) {
		boolean once = false;
		boolean demo = true;
		Path dataDir = Path.of("local-data");
		long seed = 42;
		int amqpPort = 5673;
		int mongoPort = 27017;
		int orchestratorPort = 8081;
		int workerPort = 8082;
		int mlPort = 8083;
		int consumersPort = 8084;
		String rabbitmqUrl = blankToNull(System.getenv("RABBITMQ_URL"));
		String mongodbUri = blankToNull(System.getenv("MONGODB_URI"));
		Path projectDir = Path.of(".");
		List<String> rest = new ArrayList<>(List.of(args));
		while (!rest.isEmpty()) {
			String flag = rest.remove(0);
			switch (flag) {
				case "--once" -> once = true;
				case "--no-demo" -> demo = false;
				case "--data-dir" -> dataDir = Path.of(value(flag, rest));
				case "--seed" -> seed = number(flag, rest);
				case "--amqp-port" -> amqpPort = port(flag, rest);
				case "--mongo-port" -> mongoPort = port(flag, rest);
				case "--orchestrator-port" -> orchestratorPort = port(flag, rest);
				case "--worker-port" -> workerPort = port(flag, rest);
				case "--ml-port" -> mlPort = port(flag, rest);
				case "--consumers-port" -> consumersPort = port(flag, rest);
				case "--rabbitmq-url" -> rabbitmqUrl = value(flag, rest);
				case "--mongodb-uri" -> mongodbUri = value(flag, rest);
				case "--project-dir" -> projectDir = Path.of(value(flag, rest));
				default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
			}
		}
		return new StackOptions(once, demo, dataDir.toAbsolutePath(), seed, amqpPort, mongoPort, orchestratorPort,
				workerPort, mlPort, consumersPort, rabbitmqUrl, mongodbUri, projectDir.toAbsolutePath().normalize());
	}

	private static String value(String flag, List<String> rest) {
		if (rest.isEmpty()) {
			throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
		}
		return rest.remove(0);
	}

	private static long number(String flag, List<String> rest) {
		String value = value(flag, rest);
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(flag + " takes a whole number, not '" + value + "'");
		}
	}

	private static int port(String flag, List<String> rest) {
		long port = number(flag, rest);
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException(flag + " takes a port from 1 to 65535, not " + port);
		}
		return (int) port;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
