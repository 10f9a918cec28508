package io.modelmonitoring.security;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * With {@code security.enabled=false} (a deployment behind its own gateway) the API takes
 * requests without a token and needs no key, while the body cap and the refusal of a
 * token in the URL still hold.
 */
@SpringBootTest(classes = ServiceSecurityConfigurationTests.SecuredApp.class,
		properties = { "security.enabled=false", "security.max_request_body=1KB" })
@AutoConfigureMockMvc
class SecurityDisabledTests {

	@Autowired
	MockMvc mvc;

	@Test
	void theApiNeedsNoToken() throws Exception {
		this.mvc.perform(get("/api/test/things")).andExpect(status().isOk()).andExpect(content().string("things"));
		this.mvc.perform(get("/elsewhere")).andExpect(status().isOk());
	}

	@Test
	void theBodyCapAndTheQueryTokenRefusalStillHold() throws Exception {
		this.mvc.perform(post("/api/test/things").contentType(MediaType.APPLICATION_JSON).content(new byte[1025]))
			.andExpect(status().isContentTooLarge());
		this.mvc.perform(get("/api/test/things").queryParam("access_token", "anything"))
			.andExpect(status().isUnauthorized());
	}

}
