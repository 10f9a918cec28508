package io.modelmonitoring.mlservice.mongo;

/** A server the run needs (MongoDB, RabbitMQ) could not be reached or did not answer. */
public class DependencyUnavailableException extends RuntimeException {

	private final String dependency;

	public DependencyUnavailableException(String dependency, String message, Throwable cause) {
		super(dependency + " unavailable: " + message, cause);
		this.dependency = dependency;
	}

	public String dependency() {
		return this.dependency;
	}

}
