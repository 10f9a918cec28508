package io.modelmonitoring.mlservice.config;

import io.modelmonitoring.security.ProtectedApi;
import io.modelmonitoring.security.ServiceSecurityConfiguration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The run endpoint triggers work for any tenant: the whole API needs a token for this
 * service's audience with the scope {@code model-monitoring:run} (docs/security.md).
 */
@Configuration(proxyBeanMethods = false)
@Import(ServiceSecurityConfiguration.class)
class SecurityConfiguration {

	static final String SCOPE = "model-monitoring:run";

	@Bean
	ProtectedApi protectedApi() {
		return new ProtectedApi("/api/v1/ml/**", SCOPE);
	}

}
