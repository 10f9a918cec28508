package io.modelmonitoring.localstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded broker and MongoDB speak their protocols to the clients the services use.
 */
class EmbeddedInfrastructureTests {

	@Test
	void theEmbeddedBrokerRoutesAPersistentMessageThroughATopicExchange() throws Exception {
		int port = freePort();
		try (EmbeddedBroker broker = EmbeddedBroker.start(port)) {
			ConnectionFactory factory = new ConnectionFactory();
			factory.setUri(broker.url());
			try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
				channel.exchangeDeclare("coder_events", "topic", true);
				channel.queueDeclare("bi_batch_jobs", true, false, false, null);
				channel.queueBind("bi_batch_jobs", "coder_events", "workflow.job.trigger");
				channel.confirmSelect();
				channel.basicPublish("coder_events", "workflow.job.trigger", MessageProperties.PERSISTENT_TEXT_PLAIN,
						"{\"job\": \"model-monitoring\"}".getBytes(StandardCharsets.UTF_8));
				assertThat(channel.waitForConfirms(5000)).isTrue();
				GetResponse message = channel.basicGet("bi_batch_jobs", true);
				assertThat(new String(message.getBody(), StandardCharsets.UTF_8))
					.isEqualTo("{\"job\": \"model-monitoring\"}");
			}
		}
	}

	@Test
	void theEmbeddedMongoDbTakesTheDriversConnections() {
		int port = freePort();
		try (EmbeddedMongo mongo = EmbeddedMongo.start(port);
				MongoClient client = MongoClients.create(mongo.uri(LocalStack.DATABASE))) {
			var collection = client.getDatabase(LocalStack.DATABASE).getCollection("ml_evaluations");
			collection.insertOne(new Document("tenantId", "t").append("brier", 0.1));
			assertThat(collection.countDocuments()).isEqualTo(1);
		}
	}

	@Test
	void theEmbeddedMongoDbAnswersHelloAsTheHealthCheckSendsIt() {
		int port = freePort();
		try (EmbeddedMongo mongo = EmbeddedMongo.start(port);
				MongoClient client = MongoClients.create(mongo.uri(LocalStack.DATABASE))) {
			Document answer = client.getDatabase(LocalStack.DATABASE).runCommand(new Document("hello", 1));
			assertThat(answer.get("ok", Number.class).doubleValue()).isEqualTo(1.0);
			assertThat(answer.getBoolean("isWritablePrimary")).isTrue();
			assertThat(answer.getInteger("maxWireVersion")).isPositive();
		}
	}

	@Test
	void urlsAreRedactedAndDatabasesFound() {
		assertThat(LocalStack.redact("amqp://guest:guest@127.0.0.1:5673"))
			.isEqualTo("amqp://guest:guest@127.0.0.1:5673");
		assertThat(LocalStack.redact("mongodb://app:s3cret@db:27017/x")).isEqualTo("mongodb://app:****@db:27017/x");
		assertThat(LocalStack.databaseOf("mongodb://127.0.0.1:27017/model_monitoring?x=1"))
			.isEqualTo("model_monitoring");
		assertThat(LocalStack.databaseOf("mongodb://127.0.0.1:27017")).isEqualTo("model_monitoring");
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
