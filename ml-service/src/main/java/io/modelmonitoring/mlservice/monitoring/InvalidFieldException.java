package io.modelmonitoring.mlservice.monitoring;

/** A request field holds a value the API cannot take. */
public class InvalidFieldException extends RuntimeException {

	private final String field;

	public InvalidFieldException(String field, String message) {
		super(field + ": " + message);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
