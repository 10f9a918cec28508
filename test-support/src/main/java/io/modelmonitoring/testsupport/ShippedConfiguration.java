package io.modelmonitoring.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * A service's shipped {@code application.yml} bound as the application binds it, with an
 * environment of the test's choosing instead of the machine's: to check that the
 * documented environment variables set the documented keys.
 */
public final class ShippedConfiguration {

	private ShippedConfiguration() {
	}

	/**
	 * @param prefix the record's prefix, e.g. {@code messaging}
	 * @param type the {@code @ConfigurationProperties} record
	 * @param environmentVariables what the environment holds, e.g.
	 * {@code MESSAGING_EXCHANGE}
	 * @param properties keys set directly, above the environment
	 * @throws org.springframework.boot.context.properties.bind.BindException for a value
	 * the record refuses
	 */
	public static <T> T bind(String prefix, Class<T> type, Map<String, Object> environmentVariables,
			Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		environment.getPropertySources()
			.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					environmentVariables));
		try {
			new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
				.forEach(environment.getPropertySources()::addLast);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Binder.get(environment).bindOrCreate(prefix, type);
	}

}
