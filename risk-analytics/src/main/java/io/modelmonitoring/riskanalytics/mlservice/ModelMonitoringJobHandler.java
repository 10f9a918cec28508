package io.modelmonitoring.riskanalytics.mlservice;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Locale;

import io.modelmonitoring.contracts.JobTrigger;
import io.modelmonitoring.contracts.MessageTypes;
import io.modelmonitoring.contracts.ProblemTypes;
import io.modelmonitoring.riskanalytics.mlservice.auth.AccessTokenUnavailableException;
import io.modelmonitoring.riskanalytics.worker.JobFailedException;
import io.modelmonitoring.riskanalytics.worker.JobHandler;
import io.modelmonitoring.riskanalytics.worker.JobResult;
import io.modelmonitoring.riskanalytics.worker.TransientJobFailureException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;

/**
 * The {@code model-monitoring} job: one call to ml-service's run endpoint with the
 * trigger's tenants, with the trigger id as its {@code Idempotency-Key}, so a retried or
 * redelivered trigger is one run. No connection, a timeout, 5xx (503: MongoDB down) and a
 * 409 saying this trigger's own run is still in progress are transient; other 4xx (400
 * bad body, 401/403 token refused, 409 another run in progress for the tenants, 422 key
 * reused) are not, nor is an answer that cannot be read. No token from the issuer is
 * transient when the issuer is unreachable or answers 5xx.
 */
@Component
class ModelMonitoringJobHandler implements JobHandler {

	static final String NOT_CONFIGURED = "services.ml_service.url (env SERVICES_ML_SERVICE_URL) is not set: "
			+ "ml-service cannot be called";

	private final MlServiceClient client;

	private final MlServiceProperties properties;

	ModelMonitoringJobHandler(MlServiceClient client, MlServiceProperties properties) {
		this.client = client;
		this.properties = properties;
	}

	@Override
	public String job() {
		return MessageTypes.MODEL_MONITORING_JOB;
	}

	/** The URL unset: logged as an error by the worker, with the trigger id. */
	@Override
	public String notRunnableReason() {
		return this.properties.configured() ? null : NOT_CONFIGURED;
	}

	@Override
	public JobResult run(JobTrigger trigger) {
		if (!this.properties.configured()) {
			throw new JobFailedException(NOT_CONFIGURED);
		}
		MonitoringRunResponse response;
		try {
			response = this.client.run(trigger.metadata().tenantIds(), trigger.id());
		}
		catch (AccessTokenUnavailableException ex) {
			String message = "no token for ml-service: " + ex.getMessage();
			throw ex.isTransient() ? new TransientJobFailureException(message, ex)
					: new JobFailedException(message, ex);
		}
		catch (HttpServerErrorException ex) {
			throw new TransientJobFailureException(describe(ex), ex);
		}
		catch (HttpClientErrorException ex) {
			if (ex.getStatusCode().value() == 401) {
				this.client.forgetToken();
			}
			if (ex.getStatusCode().value() == HttpStatus.CONFLICT.value()
					&& ProblemTypes.IDEMPOTENT_RUN_IN_PROGRESS.equals(problemType(ex))) {
				// the run of an earlier delivery of this trigger: its answer will come
				throw new TransientJobFailureException(describe(ex), ex);
			}
			throw new JobFailedException(describe(ex), ex);
		}
		catch (RestClientException ex) {
			// No connection, a timeout, or the connection lost while the answer was read
			// (an IOException under the extraction error) may pass; an answer that is not
			// the expected JSON will not.
			if (ex instanceof ResourceAccessException || ex.getMostSpecificCause() instanceof IOException) {
				throw new TransientJobFailureException(describeIoFailure(ex), ex);
			}
			throw new JobFailedException("ml-service answer unreadable: " + ex.getMostSpecificCause().getMessage(), ex);
		}
		return new JobResult(response.runId(), response.tenants(), response.driftChecked(),
				response.performanceChecked());
	}

	/**
	 * "ml-service did not answer within 30m (services.ml_service.read_timeout)", or
	 * "ml-service unreachable at http://ml-service:8083: Connection refused".
	 */
	private String describeIoFailure(RestClientException ex) {
		Throwable cause = ex.getMostSpecificCause();
		// HttpURLConnection says "Read timed out" (and "Connect timed out" for the
		// other).
		if (cause instanceof SocketTimeoutException && cause.getMessage() != null
				&& cause.getMessage().toLowerCase(Locale.ROOT).startsWith("read")) {
			return "ml-service did not answer within " + this.properties.readTimeout()
					+ " (services.ml_service.read_timeout) at " + this.properties.url();
		}
		String detail = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		return "ml-service unreachable at " + this.properties.url() + ": " + detail;
	}

	private static URI problemType(HttpStatusCodeException ex) {
		try {
			ProblemDetail problem = ex.getResponseBodyAs(ProblemDetail.class);
			return (problem != null) ? problem.getType() : null;
		}
		catch (RuntimeException unreadable) {
			return null;
		}
	}

	/** "ml-service answered 409 Conflict: a run is already in progress for tenant-1". */
	private static String describe(HttpStatusCodeException ex) {
		String detail = null;
		try {
			ProblemDetail problem = ex.getResponseBodyAs(ProblemDetail.class);
			if (problem != null) {
				detail = (problem.getDetail() != null) ? problem.getDetail() : problem.getTitle();
			}
		}
		catch (RuntimeException unreadable) {
			// not a problem document: the status says enough
		}
		HttpStatus status = HttpStatus.resolve(ex.getStatusCode().value());
		String reason = (status != null) ? status.getReasonPhrase() : ex.getStatusText();
		return "ml-service answered " + ex.getStatusCode().value() + " " + reason
				+ ((detail != null) ? ": " + detail : "");
	}

}
