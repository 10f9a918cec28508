package io.modelmonitoring.orchestrator.web;

/** A job name in a path that no job has. */
class UnknownJobException extends RuntimeException {

	private final String job;

	UnknownJobException(String job, String known) {
		super("no job is named '" + job + "'; the jobs are: " + known);
		this.job = job;
	}

	String job() {
		return this.job;
	}

}
