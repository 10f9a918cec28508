package io.modelmonitoring.web;

import org.apache.catalina.startup.Tomcat;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * {@link ProblemErrorReports} for the Tomcat of a separate management port
 * ({@code management.server.port}): that Tomcat is built in a child context of its own,
 * which gets none of the application's customizers, so without this it answered its own
 * refusals with Tomcat's HTML page.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnClass(Tomcat.class)
class ManagementProblemErrorReports {

	@Bean
	ProblemErrorReports managementProblemErrorReports() {
		return new ProblemErrorReports();
	}

}
