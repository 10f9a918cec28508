package io.modelmonitoring.web;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Puts {@link ProblemErrorReportValve} in place of Tomcat's error report valve, so that a
 * request Tomcat refuses before any filter or servlet runs is answered with problem+json.
 * Last among the customizers: Spring Boot's own adds an error report valve of its own
 * (without the server's name), which this one then replaces.
 */
final class ProblemErrorReports implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addContextCustomizers((context) -> ProblemErrorReportValve.install(context.getParent()));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
