package io.modelmonitoring.mlservice.mongo;

import java.util.function.Supplier;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

import org.springframework.dao.DataAccessResourceFailureException;

/** Turns "MongoDB cannot be reached" into the one exception the API answers with 503. */
public final class MongoCalls {

	private MongoCalls() {
	}

	public static <T> T call(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (DataAccessResourceFailureException | MongoTimeoutException | MongoSocketException ex) {
			throw new DependencyUnavailableException("MongoDB", "cannot reach MongoDB", ex);
		}
	}

}
