package io.modelmonitoring.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.modelmonitoring.security.testing.JwksServer;
import io.modelmonitoring.security.testing.TestJwts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The decoders the services verify tokens with, against tokens signed independently by
 * {@link TestJwts}: every attack of the security issue on the claims and the signature,
 * once for the shared secret (HS256) and once for the issuer's JWK set (RS256). The
 * services' own suites keep one case per attack to show they use these decoders.
 */
class JwtDecodersTests {

	static final String SECRET = "a-secret-of-at-least-thirty-two-bytes-0123";

	static final String ISSUER = "https://issuer.test";

	static final String AUDIENCE = "test-service";

	static final RSAKey ISSUER_KEY = TestJwts.rsaKey();

	static final RSAKey OTHER_KEY = TestJwts.rsaKey();

	static final JwksServer JWKS = JwksServer.serving(ISSUER_KEY);

	final JwtDecoder hs256 = JwtDecoders.of(jwt(SECRET, null));

	final JwtDecoder rs256 = JwtDecoders.of(jwt(null, JWKS.url()));

	/**
	 * The settings of a service with this key, issuer and audience, the other defaults.
	 */
	static SecurityProperties.Jwt jwt(String secret, String jwkSetUri) {
		return new SecurityProperties.Jwt(secret, jwkSetUri, ISSUER, AUDIENCE, Duration.ofHours(24),
				Duration.ofSeconds(30));
	}

	@AfterAll
	static void stopJwks() {
		JWKS.close();
	}

	static JWTClaimsSet.Builder claims() {
		return TestJwts.claims(ISSUER, "caller", AUDIENCE, "test:run");
	}

	static Date ago(Duration duration) {
		return Date.from(Instant.now().minus(duration));
	}

	static Date ahead(Duration duration) {
		return Date.from(Instant.now().plus(duration));
	}

	@Test
	void aTokenOfTheSecretWithTheRightClaimsIsTaken() {
		Jwt jwt = this.hs256.decode(TestJwts.hs256(claims().build(), SECRET));
		assertThat(jwt.getSubject()).isEqualTo("caller");
		assertThat(jwt.getAudience()).containsExactly(AUDIENCE);
		assertThat(jwt.getClaimAsString("scope")).isEqualTo("test:run");
	}

	static Stream<Arguments> badHs256Tokens() {
		return Stream.of(Arguments.of("malformed", "not.a-jwt", "Malformed"),
				Arguments.of("signed with another secret",
						TestJwts.hs256(claims().build(), "another-secret-that-the-service-does-not-know-0123"),
						"Signed JWT rejected"),
				Arguments.of("alg none", TestJwts.unsigned(claims().build()), "Unsupported algorithm"),
				Arguments.of("RS256 to the secret's decoder", TestJwts.rs256(claims().build(), ISSUER_KEY),
						"Signed JWT rejected"),
				Arguments.of("expired beyond the skew",
						TestJwts.hs256(claims().issueTime(ago(Duration.ofMinutes(20)))
							.expirationTime(ago(Duration.ofSeconds(90)))
							.build(), SECRET),
						"expired"),
				Arguments.of("not yet valid beyond the skew",
						TestJwts.hs256(claims().notBeforeTime(ahead(Duration.ofSeconds(90))).build(), SECRET),
						"before"),
				Arguments.of("no expiry", TestJwts.hs256(claims().expirationTime(null).build(), SECRET), "exp"),
				Arguments
					.of("another issuer", TestJwts.hs256(claims().issuer("https://evil.test").build(), SECRET), "iss"),
				Arguments.of("no issuer", TestJwts.hs256(claims().issuer(null).build(), SECRET), "iss"),
				Arguments.of("another audience", TestJwts.hs256(claims().audience("other-service").build(), SECRET),
						"aud"),
				Arguments.of("no audience", TestJwts.hs256(claims().audience((String) null).build(), SECRET), "aud"),
				Arguments.of("valid for a year",
						TestJwts.hs256(claims().expirationTime(ahead(Duration.ofDays(365))).build(), SECRET),
						"security.jwt.max_token_lifetime (24h) allows: exp - iat is 8760h"),
				Arguments.of("issued 23 hours ago, expiring in 2",
						TestJwts.hs256(claims().issueTime(ago(Duration.ofHours(23)))
							.expirationTime(ahead(Duration.ofHours(2)))
							.build(), SECRET),
						"exp - iat is 25h"),
				Arguments.of("no iat, expiring in 25 hours",
						TestJwts.hs256(claims().issueTime(null).expirationTime(ahead(Duration.ofHours(25))).build(),
								SECRET),
						"allows: it expires in 2"),
				Arguments.of("claiming to be issued in a day, expiring an hour later",
						TestJwts.hs256(claims().issueTime(ahead(Duration.ofHours(24)))
							.expirationTime(ahead(Duration.ofHours(25)))
							.build(), SECRET),
						"allows: it expires in 2"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badHs256Tokens")
	void aBadTokenIsRefusedWithTheReasonAndNotTheToken(String name, String token, String reason) {
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.hs256.decode(token))
			.withMessageContaining(reason)
			.withMessageNotContaining(token);
	}

	@Test
	void theClocksMayDifferByLessThanTheSkew() {
		String expiredJustNow = TestJwts.hs256(
				claims().issueTime(ago(Duration.ofMinutes(5))).expirationTime(ago(Duration.ofSeconds(10))).build(),
				SECRET);
		String validInAMoment = TestJwts.hs256(claims().notBeforeTime(ahead(Duration.ofSeconds(10))).build(), SECRET);

		assertThat(this.hs256.decode(expiredJustNow).getSubject()).isEqualTo("caller");
		assertThat(this.hs256.decode(validInAMoment).getSubject()).isEqualTo("caller");
		assertThat(JwtDecoders.CLOCK_SKEW).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void aTokenOfTheLongestLifetimeIsTaken() {
		Instant now = Instant.now();
		String day = TestJwts.hs256(claims().issueTime(Date.from(now.minus(Duration.ofHours(1))))
			.expirationTime(Date.from(now.plus(Duration.ofHours(23))))
			.build(), SECRET);
		String dayWithoutIat = TestJwts
			.hs256(claims().issueTime(null).expirationTime(Date.from(now.plus(Duration.ofHours(24)))).build(), SECRET);

		assertThat(this.hs256.decode(day).getSubject()).isEqualTo("caller");
		assertThat(this.hs256.decode(dayWithoutIat).getSubject()).isEqualTo("caller");
	}

	@Test
	void theLongestLifetimeIsConfigured() {
		JwtDecoder hour = JwtDecoders.of(new SecurityProperties.Jwt(SECRET, null, ISSUER, AUDIENCE, Duration.ofHours(1),
				Duration.ofSeconds(30)));
		String twoHours = TestJwts.hs256(claims().expirationTime(ahead(Duration.ofHours(2))).build(), SECRET);

		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> hour.decode(twoHours))
			.withMessageContaining("security.jwt.max_token_lifetime (1h)");
		assertThat(this.hs256.decode(twoHours).getSubject()).isEqualTo("caller");
	}

	@Test
	void theAudienceMayBeOneOfSeveral() {
		String token = TestJwts.hs256(claims().audience(List.of("other-service", AUDIENCE)).build(), SECRET);
		assertThat(this.hs256.decode(token).getAudience()).contains(AUDIENCE);
	}

	@Test
	void withoutAConfiguredIssuerAnyIssuerIsTaken() {
		JwtDecoder decoder = JwtDecoders
			.of(new SecurityProperties.Jwt(SECRET, null, null, AUDIENCE, Duration.ofHours(24), Duration.ofSeconds(30)));
		String token = TestJwts.hs256(claims().issuer("https://elsewhere.test").build(), SECRET);
		assertThat(decoder.decode(token).getSubject()).isEqualTo("caller");
	}

	@Test
	void aTokenOfTheIssuersKeyIsTaken() {
		Jwt jwt = this.rs256.decode(TestJwts.rs256(claims().build(), ISSUER_KEY));
		assertThat(jwt.getSubject()).isEqualTo("caller");
	}

	static Stream<Arguments> badRs256Tokens() throws JOSEException {
		byte[] publicKey = ISSUER_KEY.toRSAPublicKey().getEncoded();
		return Stream.of(
				Arguments.of("another key with the issuer's key id",
						TestJwts.rs256(claims().build(),
								new RSAKey.Builder(OTHER_KEY).keyID(ISSUER_KEY.getKeyID()).build())),
				Arguments.of("an unknown key", TestJwts.rs256(claims().build(), OTHER_KEY)),
				Arguments.of("HS256 signed with the issuer's public key (algorithm confusion)",
						TestJwts.hs256(claims().build(), publicKey)),
				Arguments.of("HS256 with a shared secret", TestJwts.hs256(claims().build(), SECRET)),
				Arguments.of("alg none", TestJwts.unsigned(claims().build())),
				Arguments.of("the issuer's key for another audience",
						TestJwts.rs256(claims().audience("other-service").build(), ISSUER_KEY)),
				Arguments.of("the issuer's key, expired",
						TestJwts.rs256(claims().issueTime(ago(Duration.ofMinutes(20)))
							.expirationTime(ago(Duration.ofMinutes(10)))
							.build(), ISSUER_KEY)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badRs256Tokens")
	void onlyTheIssuersRs256TokensAreTaken(String name, String token) {
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.rs256.decode(token));
	}

	/**
	 * Each token of a key the issuer does not serve would fetch the JWK set again, at the
	 * pace of anonymous callers; the fetches are rate-limited, and each such token is
	 * still a bad token (401), not a failure to verify it (500).
	 */
	@Test
	void tokensWithUnknownKeyIdsFetchTheKeySetAtMostTwicePerInterval() {
		try (JwksServer jwks = JwksServer.serving(ISSUER_KEY)) {
			JwtDecoder decoder = JwtDecoders.of(jwt(null, jwks.url()));
			assertThat(decoder.decode(TestJwts.rs256(claims().build(), ISSUER_KEY)).getSubject()).isEqualTo("caller");
			for (int i = 0; i < 30; i++) {
				String unknown = TestJwts.rs256(claims().build(),
						new RSAKey.Builder(OTHER_KEY).keyID(UUID.randomUUID().toString()).build());
				assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(unknown));
			}
			System.out.printf("JWK set fetches: 1 for the first token, %d for 30 tokens of unknown keys%n",
					jwks.fetches() - 1);
			assertThat(jwks.fetches()).isLessThanOrEqualTo(2);
		}
	}

	/**
	 * The rate limit still lets a key rotation through: the issuer's new key is taken
	 * once the interval since the last fetch has passed.
	 */
	@Test
	void aRotatedKeyIsTakenOnceTheIntervalHasPassed() {
		RSAKey rotated = TestJwts.rsaKey();
		try (JwksServer jwks = JwksServer.serving(ISSUER_KEY)) {
			JwtDecoder decoder = JwtDecoders.of(new SecurityProperties.Jwt(null, jwks.url(), ISSUER, AUDIENCE,
					Duration.ofHours(24), Duration.ofSeconds(1)));
			assertThat(decoder.decode(TestJwts.rs256(claims().build(), ISSUER_KEY)).getSubject()).isEqualTo("caller");
			for (int i = 0; i < 5; i++) {
				String unknown = TestJwts.rs256(claims().build(),
						new RSAKey.Builder(OTHER_KEY).keyID(UUID.randomUUID().toString()).build());
				assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(unknown));
			}
			jwks.serve(ISSUER_KEY, rotated);

			String ofTheRotatedKey = TestJwts.rs256(claims().build(), rotated);
			await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(200))
				.ignoreExceptions()
				.untilAsserted(() -> assertThat(decoder.decode(ofTheRotatedKey).getSubject()).isEqualTo("caller"));
		}
	}

	/**
	 * The issuer down before its keys were ever fetched, stopped, failing or hanging:
	 * each token, the first ones that try a fetch and those the rate limit then keeps
	 * from one, is a failure to fetch the keys (503 in the services), never a bad token
	 * (401, which makes a caller drop a good token), and each is answered within the
	 * fetch's timeouts. Once the issuer is back, the token is taken again.
	 */
	@ParameterizedTest(name = "{0}")
	@EnumSource(JwksServer.Outage.class)
	void duringAnOutageAValidTokenIsNotABadTokenAndIsTakenOnceTheIssuerIsBack(JwksServer.Outage outage) {
		try (JwksServer jwks = JwksServer.serving(ISSUER_KEY)) {
			JwtDecoder decoder = JwtDecoders.of(new SecurityProperties.Jwt(null, jwks.url(), ISSUER, AUDIENCE,
					Duration.ofHours(24), Duration.ofSeconds(1)));
			String token = TestJwts.rs256(claims().build(), ISSUER_KEY);
			jwks.fail(outage);
			for (int i = 0; i < 5; i++) {
				assertCannotBeChecked(decoder, token);
			}
			jwks.recover();
			await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(200))
				.ignoreExceptions()
				.untilAsserted(() -> assertThat(decoder.decode(token).getSubject()).isEqualTo("caller"));
		}
	}

	/**
	 * With the issuer's keys cached, an outage leaves the tokens of those keys taken,
	 * while a token of a key id the cache lacks (a rotation the service has not seen)
	 * cannot be checked. Once a fetch succeeds again, a made-up key id is a bad token
	 * once more.
	 */
	@Test
	void duringAnOutageCachedKeysStillVerifyAndAnUnknownKeyIdCannotBeChecked() {
		try (JwksServer jwks = JwksServer.serving(ISSUER_KEY)) {
			JwtDecoder decoder = JwtDecoders.of(new SecurityProperties.Jwt(null, jwks.url(), ISSUER, AUDIENCE,
					Duration.ofHours(24), Duration.ofSeconds(1)));
			String known = TestJwts.rs256(claims().build(), ISSUER_KEY);
			assertThat(decoder.decode(known).getSubject()).isEqualTo("caller");
			jwks.fail(JwksServer.Outage.ERROR);
			for (int i = 0; i < 5; i++) {
				String unknown = TestJwts.rs256(claims().build(),
						new RSAKey.Builder(OTHER_KEY).keyID(UUID.randomUUID().toString()).build());
				assertCannotBeChecked(decoder, unknown);
				assertThat(decoder.decode(known).getSubject()).isEqualTo("caller");
			}
			jwks.recover();
			String madeUp = TestJwts.rs256(claims().build(),
					new RSAKey.Builder(OTHER_KEY).keyID(UUID.randomUUID().toString()).build());
			await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(200))
				.untilAsserted(() -> assertThatExceptionOfType(BadJwtException.class)
					.isThrownBy(() -> decoder.decode(madeUp)));
		}
	}

	/**
	 * Eight callers at once while the issuer hangs: each is answered within the fetch's
	 * timeouts (a connect and a read of 500 ms each, one fetch after another behind the
	 * cache's lock, at most two of them), none waits for the issuer for ever.
	 */
	@Test
	void callersAtOnceDuringAHangAreAnsweredInBoundedTime() throws Exception {
		try (JwksServer jwks = JwksServer.serving(ISSUER_KEY)) {
			JwtDecoder decoder = JwtDecoders.of(new SecurityProperties.Jwt(null, jwks.url(), ISSUER, AUDIENCE,
					Duration.ofHours(24), Duration.ofSeconds(30)));
			String token = TestJwts.rs256(claims().build(), ISSUER_KEY);
			jwks.fail(JwksServer.Outage.HANGING);
			ExecutorService callers = Executors.newFixedThreadPool(8);
			try {
				List<Future<Duration>> calls = new ArrayList<>();
				for (int i = 0; i < 8; i++) {
					calls.add(callers.submit(() -> assertCannotBeChecked(decoder, token)));
				}
				for (Future<Duration> call : calls) {
					assertThat(call.get(10, TimeUnit.SECONDS)).isLessThan(Duration.ofSeconds(3));
				}
			}
			finally {
				callers.shutdownNow();
			}
			assertThat(jwks.fetches()).isLessThanOrEqualTo(2);
		}
	}

	/** A failure to fetch the keys, not a bad token, within the fetch's timeouts. */
	private static Duration assertCannotBeChecked(JwtDecoder decoder, String token) {
		long start = System.nanoTime();
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.decode(token))
			.isNotInstanceOf(BadJwtException.class)
			.withMessageContaining("Couldn't retrieve JWK set");
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(took).isLessThan(Duration.ofSeconds(3));
		return took;
	}

	/**
	 * A user and password in the JWK set's URI are sent as HTTP Basic credentials, and
	 * never appear in a message, even when the issuer cannot be reached.
	 */
	@Test
	void aPasswordInTheJwkSetUriIsSentAsBasicCredentialsAndNeverShown() {
		try (JwksServer jwks = JwksServer.serving(ISSUER_KEY)) {
			JwtDecoder decoder = JwtDecoders.of(jwt(null, jwks.url("jwks-reader", "s3cret")));
			assertThat(decoder.decode(TestJwts.rs256(claims().build(), ISSUER_KEY)).getSubject()).isEqualTo("caller");
			assertThat(jwks.lastAuthorization()).isEqualTo("Basic "
					+ Base64.getEncoder().encodeToString("jwks-reader:s3cret".getBytes(StandardCharsets.UTF_8)));
			assertThat(JwkSets.shown(jwks.url("jwks-reader", "s3cret"))).isEqualTo(jwks.url());
		}
		JwtDecoder unreachable = JwtDecoders.of(jwt(null, "http://jwks-reader:s3cret@127.0.0.1:9/jwks.json"));
		assertThatExceptionOfType(JwtException.class)
			.isThrownBy(() -> unreachable.decode(TestJwts.rs256(claims().build(), ISSUER_KEY)))
			.satisfies((ex) -> {
				for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
					assertThat(String.valueOf(cause.getMessage())).doesNotContain("s3cret");
				}
			});
	}

}
