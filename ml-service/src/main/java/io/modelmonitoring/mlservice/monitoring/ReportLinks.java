package io.modelmonitoring.mlservice.monitoring;

import java.net.URI;

import io.modelmonitoring.scan.model.ModelKey;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The addresses of the HTML reports, in one place for the events that link to them and
 * the pages that serve them: a run's report, and the section of one model in it.
 */
public final class ReportLinks {

	public static final String RUN_REPORT_PATH = "/api/v1/ml/model-monitoring/runs/{runId}/report";

	public static final String MODEL_REPORT_PATH = "/api/v1/ml/model-monitoring/models/{tenantId}/{modelId}/report";

	private ReportLinks() {
	}

	/**
	 * The id of a model's section in a run report, which the fragment of an event's
	 * {@code reportUrl} names.
	 */
	public static String sectionId(String tenantId, String modelId) {
		return "model-" + tenantId + "/" + modelId;
	}

	/**
	 * @param baseUrl the configured report base URL, or null
	 * @return the link to the model's section of the run's report, or null without a base
	 */
	static String runReport(String baseUrl, String runId, ModelKey model) {
		if (baseUrl == null || baseUrl.isEmpty()) {
			return null;
		}
		URI base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
		return UriComponentsBuilder.fromUri(base)
			.path(RUN_REPORT_PATH)
			.fragment(sectionId(model.tenantId(), model.modelId()))
			.buildAndExpand(runId)
			.encode()
			.toUriString();
	}

}
