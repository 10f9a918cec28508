package io.modelmonitoring.mlservice.config;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * What a web slice takes from the application's own configuration: the clock and the
 * strict reading of text fields ({@code {"tenantIds": [1]}} is refused, not read as "1"),
 * so that a slice reads request bodies as the service does. Public here because
 * {@link ApplicationConfiguration} is package-private.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(ApplicationConfiguration.class)
public class WebSliceConfiguration {

}
