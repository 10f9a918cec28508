package io.modelmonitoring.mlservice.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import io.modelmonitoring.mlservice.runs.MonitoringRun;
import io.modelmonitoring.mlservice.runs.MonitoringRunResponse;
import io.modelmonitoring.mlservice.runs.MonitoringRunStore;
import io.modelmonitoring.mlservice.runs.RunOutcome;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Starts monitoring runs and shows the ones kept. The route is internal to the platform.
 */
@RestController
@RequestMapping("/api/v1/ml/model-monitoring")
class ModelMonitoringController {

	/** How far ahead of this server's clock an asOf may be: clocks differ a little. */
	private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

	private static final int MAX_KEY_LENGTH = 255;

	/**
	 * An idempotency key is printable ASCII, as HTTP field values are meant to be: a byte
	 * such as 0x85 reads as a line break in some log viewers.
	 */
	private static final java.util.regex.Pattern KEY_ALPHABET = java.util.regex.Pattern.compile("[\\x20-\\x7E]+");

	/**
	 * The earliest asOf taken: a run needs 60 days of windows before it, and an instant
	 * near the ends of time would overflow them. No inference log is older.
	 */
	static final Instant EARLIEST_AS_OF = Instant.parse("2000-01-01T00:00:00Z");

	private final ModelMonitoringService monitoring;

	private final MonitoringRunStore runs;

	private final Clock clock;

	ModelMonitoringController(ModelMonitoringService monitoring, MonitoringRunStore runs, Clock clock) {
		this.monitoring = monitoring;
		this.runs = runs;
		this.clock = clock;
	}

	/**
	 * With an {@code Idempotency-Key} (the worker sends the trigger id) a repeated
	 * request is answered with the first run's answer and
	 * {@code Idempotent-Replayed: true}.
	 */
	@PostMapping("/run")
	ResponseEntity<MonitoringRunResponse> run(@Valid @RequestBody(required = false) RunRequest body,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
		RunRequest request = (body != null) ? body : RunRequest.ALL_TENANTS_NOW;
		Instant now = this.clock.instant();
		if (request.asOf() != null && request.asOf().isAfter(now.plus(CLOCK_SKEW))) {
			throw new InvalidFieldException("asOf", "must not be in the future");
		}
		if (request.asOf() != null && request.asOf().isBefore(EARLIEST_AS_OF)) {
			throw new InvalidFieldException("asOf", "must not be before " + EARLIEST_AS_OF);
		}
		if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH
				|| !KEY_ALPHABET.matcher(idempotencyKey).matches())) {
			throw new InvalidFieldException(IDEMPOTENCY_KEY,
					"must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters");
		}
		RunOutcome outcome = this.monitoring.runForTenants(request.tenantIdsOrEmpty(), request.asOf(),
				request.options(), idempotencyKey);
		ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
		if (outcome.replayed()) {
			answer.header(IDEMPOTENT_REPLAYED, "true");
		}
		return answer.body(outcome.response());
	}

	@GetMapping("/runs/{runId}")
	MonitoringRun run(@PathVariable String runId) {
		return this.runs.find(runId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no run with id " + runId));
	}

	@GetMapping("/runs")
	List<MonitoringRun> runs(
			@RequestParam(required = false) @Pattern(regexp = TenantIds.PATTERN,
					message = TenantIds.PATTERN_MESSAGE) String tenantId,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
		return this.runs.list(tenantId, limit);
	}

}
