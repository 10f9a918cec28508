package io.modelmonitoring.riskanalytics.mlservice.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The bearer token of the calls to ml-service, reused until shortly before it expires: a
 * minute before, or half its life for a shorter-lived token, so that no call leaves with
 * a token about to lapse.
 */
public class MlServiceTokens {

	static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(1);

	private final AccessTokenSource source;

	private final Clock clock;

	private AccessToken current;

	private Instant refreshAt;

	/**
	 * @param source where new tokens come from; null when security is off and calls carry
	 * no token
	 */
	MlServiceTokens(AccessTokenSource source, Clock clock) {
		this.source = source;
		this.clock = clock;
	}

	/**
	 * The token to send, or null when calls carry none.
	 * @throws AccessTokenUnavailableException when no token can be had
	 */
	public synchronized String bearerToken() {
		if (this.source == null) {
			return null;
		}
		Instant now = this.clock.instant();
		if (this.current == null || !now.isBefore(this.refreshAt)) {
			AccessToken fresh = this.source.fetch();
			Duration life = Duration.between(now, fresh.expiresAt());
			Duration margin = (life.compareTo(REFRESH_BEFORE_EXPIRY.multipliedBy(2)) < 0) ? life.dividedBy(2)
					: REFRESH_BEFORE_EXPIRY;
			this.current = fresh;
			this.refreshAt = fresh.expiresAt().minus(margin);
		}
		return this.current.value();
	}

	/** Forgets the token, after ml-service refused it. */
	public synchronized void invalidate() {
		this.current = null;
	}

}
