package io.modelmonitoring.orchestrator.schedule;

import java.time.Instant;

import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.TriggerContext;
import org.springframework.scheduling.support.CronTrigger;

/**
 * A job's cron trigger that remembers the time it scheduled the job's next run for, so
 * that the run knows which fire it is: the scheduler asks for the next time, runs the
 * task then, and asks again only once the task is done.
 */
final class FireTimeTrigger implements Trigger {

	private final CronTrigger cron;

	private volatile Instant scheduled;

	FireTimeTrigger(CronSchedule schedule) {
		this.cron = new CronTrigger(schedule.normalized(), schedule.zone());
	}

	@Override
	public Instant nextExecution(TriggerContext context) {
		Instant next = this.cron.nextExecution(context);
		this.scheduled = next;
		return next;
	}

	/** The time of the fire being run. */
	Instant scheduled() {
		return this.scheduled;
	}

}
