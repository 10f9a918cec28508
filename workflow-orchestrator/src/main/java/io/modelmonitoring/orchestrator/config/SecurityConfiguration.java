package io.modelmonitoring.orchestrator.config;

import io.modelmonitoring.security.ProtectedApi;
import io.modelmonitoring.security.ServiceSecurityConfiguration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * A manual trigger starts a run for any tenant: the whole workflow API needs a token for
 * this service's audience with the scope {@code workflow:trigger} (docs/security.md).
 */
@Configuration(proxyBeanMethods = false)
@Import(ServiceSecurityConfiguration.class)
class SecurityConfiguration {

	static final String SCOPE = "workflow:trigger";

	@Bean
	ProtectedApi protectedApi() {
		return new ProtectedApi("/api/v1/workflow/**", SCOPE);
	}

}
