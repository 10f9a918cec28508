package io.modelmonitoring.orchestrator.schedule;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfiguration {

	/** The collection the replicas' job locks are kept in. */
	static final String LOCK_COLLECTION = "shedlock";

	@Bean
	LockProvider lockProvider(MongoDatabaseFactory mongo) {
		return new MongoLockProvider(mongo.getMongoDatabase().getCollection(LOCK_COLLECTION));
	}

}
