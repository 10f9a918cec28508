package io.modelmonitoring.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refusal's log line. Spring Security's firewall refuses a path with a line break
 * before any of this runs (400), and the verifier's reasons are its own texts: the log
 * line escapes both all the same (LogValues), so it does not rely on either.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProblemAuthenticationEntryPointTests {

	@Test
	void aRefusalIsLoggedWithThePathAndReasonEscaped(CapturedOutput output) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/test/things\r\nERROR forged path");
		OAuth2AuthenticationException rejected = new OAuth2AuthenticationException(
				new OAuth2Error("invalid_token", "claim 'x' was \"a\nERROR forged reason\"", null));

		new ProblemAuthenticationEntryPoint().commence(request, new MockHttpServletResponse(), rejected);

		assertThat(output.getAll()).contains("POST /api/test/things\\r\\nERROR forged path refused")
			.contains("a\\nERROR forged reason")
			.doesNotContain("\nERROR forged");
	}

}
