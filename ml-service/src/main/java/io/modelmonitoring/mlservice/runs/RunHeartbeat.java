package io.modelmonitoring.mlservice.runs;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Renews, every third of {@code model_monitoring.runs.lease_duration}, the tenant leases
 * and the "running" state of the runs in progress on this instance. When the instance
 * dies the renewals stop, and its runs can be taken over once their lease has passed.
 */
@Component
class RunHeartbeat implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(RunHeartbeat.class);

	private final Set<String> running = ConcurrentHashMap.newKeySet();

	private final TenantLeases leases;

	private final MonitoringRunStore runs;

	private final RunProperties properties;

	RunHeartbeat(TenantLeases leases, MonitoringRunStore runs, RunProperties properties) {
		this.leases = leases;
		this.runs = runs;
		this.properties = properties;
	}

	void started(String runId) {
		this.running.add(runId);
	}

	void ended(String runId) {
		this.running.remove(runId);
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::beat, this.properties.heartbeatInterval());
	}

	void beat() {
		List<String> runIds = List.copyOf(this.running);
		if (runIds.isEmpty()) {
			return;
		}
		try {
			this.leases.renew(runIds);
			this.runs.renew(runIds);
		}
		catch (RuntimeException ex) {
			log.warn("could not renew the leases of runs {}: {}", runIds, ex.getMessage());
		}
	}

}
