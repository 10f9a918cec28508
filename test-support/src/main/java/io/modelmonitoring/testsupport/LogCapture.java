package io.modelmonitoring.testsupport;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * The log events of every logger while it is open, as the services' Logback writes them:
 * to check what a log line holds, character for character, whatever the console's
 * encoding.
 */
public final class LogCapture implements AutoCloseable {

	private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private LogCapture() {
		this.appender.start();
		this.root.addAppender(this.appender);
	}

	public static LogCapture start() {
		return new LogCapture();
	}

	/**
	 * What each event put in the log so far: its formatted message, then the class and
	 * message of each throwable it carries (causes included), as a stack trace prints
	 * them.
	 */
	public List<String> events() {
		List<ILoggingEvent> events;
		synchronized (this.appender) {
			events = new ArrayList<>(this.appender.list);
		}
		List<String> written = new ArrayList<>(events.size());
		for (ILoggingEvent event : events) {
			StringBuilder text = new StringBuilder(event.getFormattedMessage());
			for (IThrowableProxy throwable = event.getThrowableProxy(); throwable != null; throwable = throwable
				.getCause()) {
				text.append(" | ").append(throwable.getClassName()).append(": ").append(throwable.getMessage());
			}
			written.add(text.toString());
		}
		return written;
	}

	@Override
	public void close() {
		this.root.detachAppender(this.appender);
		this.appender.stop();
	}

}
