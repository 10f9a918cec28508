package io.modelmonitoring.security;

import java.util.List;

import io.modelmonitoring.web.ProblemJson;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JacksonModule;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.servlet.filter.OrderedFormContentFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.OAuth2ProtectedResourceMetadataFilter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The lock on a service's API, imported by each service with its {@link ProtectedApi}:
 * the API's paths need a JWT with the API's audience and scope; health and Prometheus
 * stay open for probes and scrapes; every other path needs a token too. Stateless: no
 * session, no cookie, so no CSRF to defend against. In the order a request meets them: a
 * token in the URL is refused ({@link QueryTokenFilter}), then the token is checked, and
 * only then is the body read, bounded in size and time ({@link RequestBodyLimitFilter});
 * Tomcat closes the connection of a request whose body was not read
 * ({@link TomcatHardening}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
@Import(StrictJson.class)
public class ServiceSecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ServiceSecurityConfiguration.class);

	/**
	 * The refusal of a token in the URL: before Spring Security's filter chain (-100),
	 * which logs URLs at DEBUG, and after the observation filter, so refused requests are
	 * still counted.
	 */
	static final int QUERY_TOKEN_ORDER = -111;

	/**
	 * The body cap: after Spring Security's filter chain (-100), so that the body of a
	 * request without a valid token is never read.
	 */
	static final int BODY_LIMIT_ORDER = -90;

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
		return withoutProtectedResourceMetadata(http
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
				.accessDeniedHandler(accessDenied)
				.withObjectPostProcessor(issuerUnavailableAs503(entryPoint, properties.jwt())))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
			.build());
	}

	/**
	 * The chain without the resource server's metadata endpoint
	 * ({@code /.well-known/oauth-protected-resource}, RFC 9728), which Spring Security 7
	 * adds to every resource server and which cannot be turned off: it answered anyone,
	 * named the Host header it was sent as the resource, and claimed certificate-bound
	 * tokens, which these services do not check. No client of theirs discovers them; the
	 * path now needs a token like any other, and is not found.
	 */
	private static SecurityFilterChain withoutProtectedResourceMetadata(DefaultSecurityFilterChain chain) {
		List<Filter> filters = chain.getFilters()
			.stream()
			.filter((filter) -> !(filter instanceof OAuth2ProtectedResourceMetadataFilter))
			.toList();
		return new DefaultSecurityFilterChain(chain.getRequestMatcher(), filters);
	}

	/**
	 * A token that cannot be checked because the issuer's keys cannot be fetched is a 503
	 * ({@link IssuerUnavailableHandler}), not the 500 Spring Security's handler gave by
	 * rethrowing; every other failure still goes to the entry point (401).
	 */
	private static ObjectPostProcessor<BearerTokenAuthenticationFilter> issuerUnavailableAs503(
			ProblemAuthenticationEntryPoint entryPoint, SecurityProperties.Jwt jwt) {
		return new ObjectPostProcessor<>() {
			@Override
			public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
				filter.setAuthenticationFailureHandler(
						new IssuerUnavailableHandler(entryPoint, jwt.usesSecret() ? "" : jwt.jwkSetUri()));
				return filter;
			}
		};
	}

	private static JwtDecoder jwtDecoder(SecurityProperties properties) {
		SecurityProperties.Jwt jwt = properties.jwt();
		log.info("API tokens: {} verified, audience {}{}, valid for at most {}",
				jwt.usesSecret() ? "HS256 (shared secret)"
						: "RS256 (JWK set " + JwkSets.shown(jwt.jwkSetUri()) + ", fetched at most twice per "
								+ Durations.shown(jwt.jwkSetRefreshInterval()) + " for unknown keys)",
				jwt.audience(), jwt.hasIssuer() ? ", issuer " + jwt.issuer() : "",
				Durations.shown(jwt.maxTokenLifetime()));
		return JwtDecoders.of(jwt);
	}

	/**
	 * The services' problem+json answers with their members in one order, those of its
	 * {@link ProblemExceptionHandler} as those its filters write. Boot adds every
	 * {@link JacksonModule} bean to the application's JSON mapper.
	 */
	@Bean
	JacksonModule problemMemberOrder() {
		return ProblemJson.memberOrder();
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
		registration.setOrder(QUERY_TOKEN_ORDER);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(SecurityProperties properties) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(properties.maxRequestBody().toBytes(), properties.requestBodyTimeout(),
						!properties.enabled()));
		registration.setOrder(BODY_LIMIT_ORDER);
		return registration;
	}

	/**
	 * Spring's form filter in place of Boot's, which runs before Spring Security and
	 * reads the form body of a PUT, PATCH or DELETE: this one comes after the body cap,
	 * so it reads only what the cap has taken. Boot's backs off when this bean exists.
	 */
	@Bean
	OrderedFormContentFilter formContentFilterAfterBodyLimit() {
		OrderedFormContentFilter filter = new OrderedFormContentFilter();
		filter.setOrder(BODY_LIMIT_ORDER + 1);
		return filter;
	}

	@Bean
	TomcatHardening tomcatHardening(SecurityProperties properties) {
		return new TomcatHardening(properties.requestBodyTimeout());
	}

}
