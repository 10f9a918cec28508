package io.modelmonitoring.riskanalytics.monitoring;

import io.modelmonitoring.contracts.JobTrigger;
import io.modelmonitoring.contracts.MessageTypes;
import io.modelmonitoring.riskanalytics.worker.JobFailedException;
import io.modelmonitoring.riskanalytics.worker.JobHandler;
import io.modelmonitoring.riskanalytics.worker.JobResult;
import io.modelmonitoring.riskanalytics.worker.TransientJobFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;

/**
 * The {@code model-monitoring} job: one call to ml-service's run endpoint with the
 * trigger's tenants. No connection, a timeout and 5xx (503: MongoDB or RabbitMQ down) are
 * transient; 4xx (400 bad body, 409 a run already in progress) are not, nor is an answer
 * that cannot be read.
 */
@Component
class ModelMonitoringJobHandler implements JobHandler {

	private static final Logger logger = LoggerFactory.getLogger(ModelMonitoringJobHandler.class);

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

	@Override
	public JobResult run(JobTrigger trigger) {
		if (!this.properties.configured()) {
			logger.error("model-monitoring cannot run triggerId={}: services.ml_service.url "
					+ "(env SERVICES_ML_SERVICE_URL) is not set", trigger.id());
			throw new JobFailedException("services.ml_service.url is not set: ml-service cannot be called");
		}
		MonitoringRunResponse response;
		try {
			response = this.client.run(trigger.metadata().tenantIds(), trigger.id());
		}
		catch (HttpServerErrorException ex) {
			throw new TransientJobFailureException(describe(ex), ex);
		}
		catch (HttpClientErrorException ex) {
			throw new JobFailedException(describe(ex), ex);
		}
		catch (ResourceAccessException ex) {
			throw new TransientJobFailureException("ml-service unreachable at " + this.properties.url() + ": "
					+ ((ex.getMostSpecificCause().getMessage() != null) ? ex.getMostSpecificCause().getMessage()
							: ex.getMostSpecificCause().getClass().getSimpleName()),
					ex);
		}
		catch (RestClientException ex) {
			throw new JobFailedException("ml-service answer unreadable: " + ex.getMessage(), ex);
		}
		return new JobResult(response.runId(), response.tenants(), response.driftChecked(),
				response.performanceChecked());
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
		String status = ex.getStatusCode().value() + " " + ex.getStatusText();
		return "ml-service answered " + status.strip() + ((detail != null) ? ": " + detail : "");
	}

}
