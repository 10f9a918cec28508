package io.modelmonitoring.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The benchmarks' command lines: {@code --name value} pairs. */
final class CommandLine {

	private CommandLine() {
	}

	/**
	 * The options by name. Prints the usage and exits when asked for help (status 0) or
	 * when the arguments do not pair up (status 2).
	 */
	static Map<String, String> optionsOrExit(String[] args, String usage) {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				System.out.println(usage);
				System.exit(args[i].startsWith("--h") || args[i].equals("-h") ? 0 : 2);
			}
			options.put(args[i].substring(2), args[++i]);
		}
		return options;
	}

	/** Refuses an option not among {@code names}: a typo must not go unnoticed. */
	static void requireKnown(Map<String, String> options, Set<String> names) {
		Set<String> unknown = new TreeSet<>(options.keySet());
		unknown.removeAll(names);
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("unknown option(s) --" + String.join(", --", unknown));
		}
	}

	/** {@code true} or {@code false}, and nothing else: a typo must not mean false. */
	static boolean flag(Map<String, String> options, String name, boolean defaultValue) {
		String value = options.getOrDefault(name, Boolean.toString(defaultValue));
		if (!value.equals("true") && !value.equals("false")) {
			throw new IllegalArgumentException("--" + name + " takes true or false, not '" + value + "'");
		}
		return Boolean.parseBoolean(value);
	}

	/** A whole number of at least 1. */
	static int positive(Map<String, String> options, String name, int defaultValue) {
		String value = options.getOrDefault(name, Integer.toString(defaultValue));
		try {
			int number = Integer.parseInt(value);
			if (number >= 1) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw new IllegalArgumentException("--" + name + " takes a whole number of at least 1, not '" + value + "'");
	}

}
