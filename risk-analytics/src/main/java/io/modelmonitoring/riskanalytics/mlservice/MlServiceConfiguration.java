package io.modelmonitoring.riskanalytics.mlservice;

import io.modelmonitoring.riskanalytics.mlservice.auth.MlServiceTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class MlServiceConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(MlServiceConfiguration.class);

	/**
	 * The client of ml-service, with the configured timeouts. The JDK's
	 * {@code HttpURLConnection} (HTTP/1.1) rather than its {@code HttpClient}: one
	 * blocking call per job needs nothing more, and its timeouts surface as plain
	 * {@code SocketTimeoutException}s. Built even when the URL is not set, so start-up
	 * never fails for it; the handler then fails each trigger instead.
	 */
	@Bean
	MlServiceClient mlServiceClient(RestClient.Builder builder, MlServiceProperties properties,
			MlServiceTokens tokens) {
		if (!properties.configured()) {
			logger.warn("services.ml_service.url (env SERVICES_ML_SERVICE_URL) is not set: "
					+ "every model-monitoring trigger will fail until it is");
		}
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withTimeouts(properties.connectTimeout(), properties.readTimeout());
		RestClient.Builder configured = builder.clone()
			.requestFactory(ClientHttpRequestFactoryBuilder.simple().build(settings));
		if (properties.configured()) {
			configured.baseUrl(properties.url());
		}
		return new MlServiceClient(configured.build(), tokens);
	}

}
