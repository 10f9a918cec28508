package io.modelmonitoring.mlservice.report;

import io.modelmonitoring.contracts.TenantIdRule;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The HTML reports, behind the same authentication as the API. A page loads nothing else,
 * and its Content-Security-Policy forbids scripts outright: ids from the logs are escaped
 * by the templates, and even a value that slipped through could not run.
 */
@RestController
@RequestMapping("/api/v1/ml/model-monitoring")
class ReportController {

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
			+ "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8);

	private final ReportPages pages;

	private final ReportRenderer renderer;

	ReportController(ReportPages pages, ReportRenderer renderer) {
		this.pages = pages;
		this.renderer = renderer;
	}

	@GetMapping("/runs/{runId}/report")
	ResponseEntity<String> runReport(@PathVariable @Size(max = 128) String runId) {
		RunReportPage page = this.pages.run(runId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no completed run with id " + runId));
		return html(this.renderer.run(page));
	}

	@GetMapping("/models/{tenantId}/{modelId}/report")
	ResponseEntity<String> modelReport(
			@PathVariable @Pattern(regexp = TenantIdRule.PATTERN,
					message = TenantIdRule.PATTERN_MESSAGE) String tenantId,
			@PathVariable @Size(max = 1024) String modelId,
			@RequestParam(defaultValue = "12") @Min(1) @Max(100) int limit) {
		ModelReportPage page = this.pages.model(tenantId, modelId, limit)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"no completed run checked model " + modelId + " of tenant " + tenantId));
		return html(this.renderer.model(page));
	}

	private static ResponseEntity<String> html(String page) {
		return ResponseEntity.ok()
			.contentType(HTML)
			.cacheControl(CacheControl.noStore())
			.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
			.body(page);
	}

}
