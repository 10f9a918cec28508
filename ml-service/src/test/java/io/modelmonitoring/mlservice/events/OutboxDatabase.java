package io.modelmonitoring.mlservice.events;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.modelmonitoring.mlservice.mongo.ConnectionLosses;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * An outbox on mongo-java-server, in-process, with the MongoDB client set up as the
 * application sets it up (its {@link ConnectionLosses}), and every command the client
 * sends written down by name, so that a test counts the round trips of what it does.
 */
final class OutboxDatabase implements AutoCloseable {

	static final Duration CLAIM = Duration.ofMinutes(2);

	private final List<String> commands = new CopyOnWriteArrayList<>();

	private final ConnectionLosses losses = new ConnectionLosses();

	private MongoServer server;

	private final MongoClient client;

	private final MongoTemplate mongo;

	private final EventOutbox outbox;

	OutboxDatabase() {
		this.server = new MongoServer(new MemoryBackend());
		this.server.bind("127.0.0.1", 0);
		MongoClientSettings.Builder settings = MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + this.server.getLocalAddress().getPort()
					+ "/?serverSelectionTimeoutMS=2000"))
			.addCommandListener(new CommandListener() {
				@Override
				public void commandStarted(CommandStartedEvent event) {
					OutboxDatabase.this.commands.add(event.getCommandName());
				}
			});
		this.losses.customize(settings);
		this.client = MongoClients.create(settings.build());
		this.mongo = new MongoTemplate(this.client, "outbox");
		this.outbox = new EventOutbox(this.mongo, JsonMapper.builder().build(),
				new OutboxProperties(Duration.ofSeconds(5), 100, CLAIM), this.losses, Clock.systemUTC());
	}

	EventOutbox outbox() {
		return this.outbox;
	}

	MongoTemplate mongo() {
		return this.mongo;
	}

	/** The names of the commands sent since the last call, in order. */
	List<String> takeCommands() {
		List<String> taken = List.copyOf(this.commands);
		this.commands.clear();
		return taken;
	}

	/**
	 * Stops the server and starts an empty one on the same port: MongoDB restarted with
	 * its database recreated empty.
	 */
	void restartEmpty() {
		int port = this.server.getLocalAddress().getPort();
		this.server.shutdownNow();
		this.server = new MongoServer(new MemoryBackend());
		this.server.bind("127.0.0.1", port);
	}

	@Override
	public void close() {
		this.client.close();
		this.server.shutdownNow();
	}

}
