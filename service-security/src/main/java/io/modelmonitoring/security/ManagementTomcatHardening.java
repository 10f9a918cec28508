package io.modelmonitoring.security;

import org.apache.catalina.startup.Tomcat;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * {@link TomcatHardening} for the Tomcat of a separate management port
 * ({@code management.server.port}): that Tomcat is built in a child context of its own,
 * which gets Spring Boot's {@code server.*} settings but none of the application's
 * customizers, so without this it drained unread bodies and parsed cookies (its own
 * refusals are service-web's). Only in a service whose main context runs the module's
 * security ({@link SecurityProperties} there).
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnClass(Tomcat.class)
@ConditionalOnBean(SecurityProperties.class)
class ManagementTomcatHardening {

	@Bean
	TomcatHardening managementTomcatHardening(SecurityProperties properties) {
		return new TomcatHardening(properties.requestBodyTimeout());
	}

}
