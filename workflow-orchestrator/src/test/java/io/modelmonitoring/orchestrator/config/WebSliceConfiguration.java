package io.modelmonitoring.orchestrator.config;

import io.modelmonitoring.security.StrictJson;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * What a web slice takes from the application's own configuration: the clock and the
 * strict reading of request bodies (an unknown field or {@code {"tenantIds": [1]}} is
 * refused, as is a key given twice), so that a slice reads them as the service does.
 * Public here because {@link ApplicationConfiguration} is package-private.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({ ApplicationConfiguration.class, StrictJson.class })
public class WebSliceConfiguration {

}
