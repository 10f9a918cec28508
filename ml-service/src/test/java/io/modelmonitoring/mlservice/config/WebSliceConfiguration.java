package io.modelmonitoring.mlservice.config;

import io.modelmonitoring.security.StrictJson;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * What a web slice takes from the application's own configuration: the clock and the
 * strict reading of text fields ({@code {"tenantIds": [1]}} is refused, not read as "1"),
 * and no key twice, so that a slice reads request bodies as the service does. Public here
 * because {@link ApplicationConfiguration} is package-private.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({ ApplicationConfiguration.class, StrictJson.class })
public class WebSliceConfiguration {

}
