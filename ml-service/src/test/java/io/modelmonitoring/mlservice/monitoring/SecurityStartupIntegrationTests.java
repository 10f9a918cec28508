package io.modelmonitoring.mlservice.monitoring;

import io.modelmonitoring.mlservice.MlServiceApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The whole application, with security on, refuses to start without a usable key, names
 * the key to set, and never prints the value it was given.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecurityStartupIntegrationTests {

	@Test
	void noKeyStopsStartUpNamingTheKeys(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--security.jwt.hmac_secret="))
			.havingRootCause()
			.withMessageStartingWith("security.jwt.hmac_secret (env SECURITY_JWT_HMAC_SECRET) or "
					+ "security.jwt.jwk_set_uri (env SECURITY_JWT_JWK_SET_URI) must be set");
		assertThat(output).contains("APPLICATION FAILED TO START");
	}

	@Test
	void aShortSecretStopsStartUpWithoutPrintingIt(CapturedOutput output) {
		String secret = "Sh0rtButSecretValue";
		assertThatException().isThrownBy(() -> start("--security.jwt.hmac_secret=" + secret))
			.havingRootCause()
			.withMessageStartingWith("security.jwt.hmac_secret must be at least 32 bytes");
		assertThat(output).contains("APPLICATION FAILED TO START").doesNotContain(secret);
	}

	private static void start(String setting) {
		new SpringApplicationBuilder(MlServiceApplication.class)
			.run(setting, "--server.port=0",
					"--spring.mongodb.uri=mongodb://127.0.0.1:1/startup?serverSelectionTimeoutMS=500",
					"--spring.rabbitmq.addresses=amqp://guest:guest@127.0.0.1:1")
			.close();
	}

}
