package io.modelmonitoring.riskanalytics.mlservice.auth;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class MlServiceAuthConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(MlServiceAuthConfiguration.class);

	/**
	 * The token of the calls: minted with the shared secret, or asked of the issuer with
	 * client credentials (10 s timeouts); none when security is off.
	 */
	@Bean
	MlServiceTokens mlServiceTokens(RestClient.Builder builder, MlServiceAuthProperties auth, Clock clock) {
		if (!auth.enabled()) {
			logger.warn("security.enabled is false: calls to ml-service carry no token");
			return new MlServiceTokens(null, clock);
		}
		if (auth.mintsTokens()) {
			return new MlServiceTokens(new HmacTokenMinter(auth, clock), clock);
		}
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10));
		RestClient restClient = builder.clone()
			.requestFactory(ClientHttpRequestFactoryBuilder.simple().build(settings))
			.build();
		return new MlServiceTokens(new ClientCredentialsTokenSource(restClient, auth.client(), clock), clock);
	}

}
