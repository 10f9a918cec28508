package io.modelmonitoring.security;

import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JacksonModule;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The lock on a service's API, imported by each service with its {@link ProtectedApi}:
 * the API's paths need a JWT with the API's audience and scope; health and Prometheus
 * stay open for probes and scrapes; every other path needs a token too. Stateless: no
 * session, no cookie, so no CSRF to defend against.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
@Import(StrictJson.class)
public class ServiceSecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ServiceSecurityConfiguration.class);

	/**
	 * Just before Spring Security's filter chain (-100), which logs URLs at DEBUG, and
	 * after the observation filter, so refused requests are still counted.
	 */
	static final int BODY_LIMIT_ORDER = -110;

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProperties properties, ProtectedApi api)
			throws Exception {
		http.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable);
		if (!properties.enabled()) {
			log.warn("security.enabled is false: {} takes requests without a token", api.pathPattern());
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
		}
		ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();
		ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler(api.scope());
		return http
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus")
				.permitAll()
				.requestMatchers(api.pathPattern())
				.hasAuthority("SCOPE_" + api.scope())
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt((jwt) -> jwt.decoder(jwtDecoder(properties)))
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDenied))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
			.build();
	}

	private static JwtDecoder jwtDecoder(SecurityProperties properties) {
		SecurityProperties.Jwt jwt = properties.jwt();
		log.info("API tokens: {} verified, audience {}{}",
				jwt.usesSecret() ? "HS256 (shared secret)" : "RS256 (JWK set " + jwt.jwkSetUri() + ")", jwt.audience(),
				jwt.hasIssuer() ? ", issuer " + jwt.issuer() : "");
		return JwtDecoders.of(jwt);
	}

	/**
	 * The services' problem+json answers with their members in one order, those of its
	 * {@link ProblemExceptionHandler} as those its filters write. Boot adds every
	 * {@link JacksonModule} bean to the application's JSON mapper.
	 */
	@Bean
	JacksonModule problemMemberOrder() {
		return ProblemMemberOrder.module();
	}

	/**
	 * Refusals of the firewall as problem+json; see
	 * {@link ProblemRequestRejectedHandler}.
	 */
	@Bean
	RequestRejectedHandler problemRequestRejectedHandler() {
		return new ProblemRequestRejectedHandler();
	}

	/** No users and no generated password: callers authenticate with tokens only. */
	@Bean
	InMemoryUserDetailsManager noUsers() {
		return new InMemoryUserDetailsManager();
	}

	@Bean
	FilterRegistrationBean<QueryTokenFilter> queryTokenFilter() {
		FilterRegistrationBean<QueryTokenFilter> registration = new FilterRegistrationBean<>(new QueryTokenFilter());
		registration.setOrder(BODY_LIMIT_ORDER - 1);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(SecurityProperties properties) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(properties.maxRequestBody().toBytes()));
		registration.setOrder(BODY_LIMIT_ORDER);
		return registration;
	}

}
