package io.modelmonitoring.riskanalytics.mlservice.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The worker's tokens: minted ones checked with Nimbus's own verifier and the shared
 * secret, the cache and its refresh on a clock the test moves, and the client-credentials
 * grant against MockWebServer playing the issuer.
 */
public class MlServiceTokensTests {

	static final String SECRET = "test-secret-for-the-integration-tests-0123456789";

	static final Instant T0 = Instant.parse("2026-11-22T06:00:00Z");

	final MutableClock clock = new MutableClock(T0);

	/** A minting token cache on the system clock, for tests of the client. */
	public static MlServiceTokens mintingTokens() {
		MlServiceAuthProperties auth = properties("security.jwt.hmac_secret", SECRET);
		return new MlServiceTokens(new HmacTokenMinter(auth, Clock.systemUTC()), Clock.systemUTC());
	}

	@Test
	void aMintedTokenIsHs256ForMlServiceWithTheRunScope() throws Exception {
		MlServiceAuthProperties auth = properties("security.jwt.hmac_secret", SECRET, "security.jwt.issuer",
				"https://issuer.test");
		String token = new MlServiceTokens(new HmacTokenMinter(auth, this.clock), this.clock).bearerToken();

		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
		assertThat(jwt.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getAudience()).containsExactly("ml-service");
		assertThat(claims.getStringClaim("scope")).isEqualTo("model-monitoring:run");
		assertThat(claims.getIssuer()).isEqualTo("https://issuer.test");
		assertThat(claims.getSubject()).isEqualTo("risk-analytics");
		assertThat(claims.getIssueTime().toInstant()).isEqualTo(T0);
		// security.client.token_lifetime defaults to 5 minutes.
		assertThat(claims.getExpirationTime().toInstant()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
	}

	@Test
	void aTokenIsReusedUntilAMinuteBeforeItExpires() {
		MlServiceAuthProperties auth = properties("security.jwt.hmac_secret", SECRET);
		MlServiceTokens tokens = new MlServiceTokens(new HmacTokenMinter(auth, this.clock), this.clock);
		String first = tokens.bearerToken();

		// 5-minute tokens: reused up to 3m59s later, replaced from 4m on.
		this.clock.set(T0.plus(Duration.ofSeconds(239)));
		assertThat(tokens.bearerToken()).isEqualTo(first);
		this.clock.set(T0.plus(Duration.ofMinutes(4)));
		String second = tokens.bearerToken();
		assertThat(second).isNotEqualTo(first);

		tokens.invalidate();
		assertThat(tokens.bearerToken()).isNotEqualTo(second);
	}

	@Test
	void clientCredentialsAreSentWithBasicAuthAndTheTokenIsCachedForItsLifetime() throws Exception {
		try (MockWebServer issuer = new MockWebServer()) {
			issuer.enqueue(new MockResponse.Builder().code(200)
				.setHeader("Content-Type", "application/json")
				.body("{\"access_token\": \"issued-1\", \"token_type\": \"Bearer\", \"expires_in\": 600}")
				.build());
			issuer.enqueue(new MockResponse.Builder().code(200)
				.setHeader("Content-Type", "application/json")
				.body("{\"access_token\": \"issued-2\", \"token_type\": \"Bearer\", \"expires_in\": 600}")
				.build());
			issuer.start();
			MlServiceTokens tokens = clientCredentials(issuer);

			assertThat(tokens.bearerToken()).isEqualTo("issued-1");
			this.clock.set(T0.plus(Duration.ofMinutes(8)));
			assertThat(tokens.bearerToken()).isEqualTo("issued-1");
			// 600 s tokens: replaced from 9 minutes on.
			this.clock.set(T0.plus(Duration.ofMinutes(9)));
			assertThat(tokens.bearerToken()).isEqualTo("issued-2");

			RecordedRequest request = issuer.takeRequest();
			assertThat(request.getMethod()).isEqualTo("POST");
			assertThat(request.getHeaders().get("Authorization")).isEqualTo(
					"Basic " + Base64.getEncoder().encodeToString("worker:s3cret".getBytes(StandardCharsets.UTF_8)));
			assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
			assertThat(List.of(request.getBody().utf8().split("&"))).contains("grant_type=client_credentials",
					"scope=model-monitoring%3Arun", "audience=ml-service");
		}
	}

	@Test
	void anIssuerThatFailsIsTransientAndOneThatRefusesIsNot() throws Exception {
		try (MockWebServer issuer = new MockWebServer()) {
			issuer.enqueue(new MockResponse.Builder().code(503).build());
			issuer.enqueue(new MockResponse.Builder().code(401).body("{\"error\": \"invalid_client\"}").build());
			issuer.start();
			MlServiceTokens tokens = clientCredentials(issuer);

			assertThatExceptionOfType(AccessTokenUnavailableException.class).isThrownBy(tokens::bearerToken)
				.matches(AccessTokenUnavailableException::isTransient)
				.withMessageContaining("answered 503");
			assertThatExceptionOfType(AccessTokenUnavailableException.class).isThrownBy(tokens::bearerToken)
				.matches((ex) -> !ex.isTransient())
				.withMessageContaining("answered 401")
				.withMessageContaining("security.client.client_id");
		}
	}

	@Test
	void securityOffSendsNoToken() {
		assertThat(new MlServiceTokens(null, this.clock).bearerToken()).isNull();
	}

	private MlServiceTokens clientCredentials(MockWebServer issuer) {
		MlServiceAuthProperties auth = properties("security.client.token_uri", issuer.url("/oauth/token").toString(),
				"security.client.client_id", "worker", "security.client.client_secret", "s3cret");
		return new MlServiceTokens(new ClientCredentialsTokenSource(RestClient.create(), auth.client(), this.clock),
				this.clock);
	}

	private static MlServiceAuthProperties properties(String... keyValues) {
		java.util.Map<String, String> map = new java.util.HashMap<>();
		for (int i = 0; i < keyValues.length; i += 2) {
			map.put(keyValues[i], keyValues[i + 1]);
		}
		return new Binder(new MapConfigurationPropertySource(map)).bindOrCreate("security",
				MlServiceAuthProperties.class);
	}

	static final class MutableClock extends Clock {

		private final AtomicReference<Instant> now;

		MutableClock(Instant now) {
			this.now = new AtomicReference<>(now);
		}

		void set(Instant instant) {
			this.now.set(instant);
		}

		@Override
		public Instant instant() {
			return this.now.get();
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
