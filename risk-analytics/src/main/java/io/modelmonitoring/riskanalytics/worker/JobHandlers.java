package io.modelmonitoring.riskanalytics.worker;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/** The job handlers there are, keyed by job name: every {@link JobHandler} bean. */
@Component
class JobHandlers {

	private final Map<String, JobHandler> byJob = new TreeMap<>();

	JobHandlers(List<JobHandler> handlers) {
		for (JobHandler handler : handlers) {
			JobHandler previous = this.byJob.putIfAbsent(handler.job(), handler);
			if (previous != null) {
				throw new IllegalStateException("Two handlers for job '" + handler.job() + "': "
						+ previous.getClass().getName() + " and " + handler.getClass().getName());
			}
		}
	}

	/** The handler of the job, or null when there is none. */
	JobHandler find(String job) {
		return this.byJob.get(job);
	}

	Set<String> jobs() {
		return Collections.unmodifiableSet(this.byJob.keySet());
	}

}
