package io.modelmonitoring.web;

import org.apache.catalina.startup.Tomcat;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Tomcat's own refusals as problem+json in every service that has this module, whether it
 * checks tokens (through service-security) or not: on the main port here, on a separate
 * management port through {@link ManagementProblemErrorReports}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(Tomcat.class)
public class ProblemErrorReportsAutoConfiguration {

	@Bean
	ProblemErrorReports problemErrorReports() {
		return new ProblemErrorReports();
	}

}
