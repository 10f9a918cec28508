package io.modelmonitoring.scan.lake;

/** The configured lake could not be listed or reached at all. */
public class LakeUnavailableException extends RuntimeException {

	public LakeUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
