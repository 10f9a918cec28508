package io.modelmonitoring.riskanalytics.worker;

import java.lang.ref.WeakReference;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RecentTriggersTests {

	private final RecentTriggers recent = new RecentTriggers();

	@Test
	void aTriggerHandledOrInFlightIsNotBegunAgain() {
		assertThat(this.recent.begin("t-1")).isTrue();
		assertThat(this.recent.begin(new String("t-1"))).as("in flight").isFalse();
		this.recent.handled("t-1");
		assertThat(this.recent.begin(new String("t-1"))).as("handled").isFalse();
		assertThat(this.recent.begin("t-2")).isTrue();
		this.recent.requeued("t-2");
		assertThat(this.recent.begin("t-2")).as("requeued").isTrue();
	}

	@Test
	void theOldestTriggersAreForgottenPastTheBound() {
		for (int i = 0; i <= RecentTriggers.REMEMBERED; i++) {
			this.recent.begin("t-" + i);
			this.recent.handled("t-" + i);
		}

		assertThat(this.recent.size()).isEqualTo(RecentTriggers.REMEMBERED);
		assertThat(this.recent.begin("t-0")).as("the oldest, forgotten").isTrue();
		assertThat(this.recent.begin("t-" + RecentTriggers.REMEMBERED)).isFalse();
	}

	/**
	 * As the red-team measured it, 500 ids of 50 KB were held: 26 MB. The set keeps a
	 * fixed-size fingerprint, so an id is garbage once the delivery is done.
	 */
	@Test
	void aHandledIdIsNotHeldInMemory() {
		long suffix = System.nanoTime();
		String id = "x".repeat(50_000) + suffix;
		WeakReference<String> held = new WeakReference<>(id);
		this.recent.begin(id);
		this.recent.handled(id);
		id = null;

		await().atMost(Duration.ofSeconds(10)).until(() -> {
			System.gc();
			return held.get() == null;
		});
		assertThat(this.recent.begin("x".repeat(50_000) + suffix)).as("still remembered").isFalse();
	}

}
