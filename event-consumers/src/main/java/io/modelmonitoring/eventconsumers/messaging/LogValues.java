package io.modelmonitoring.eventconsumers.messaging;

/**
 * A value from a message (an id, a routing key) as a log line may show it: control
 * characters escaped, so a message cannot forge log lines, and at most
 * {@value #MAX_LENGTH} characters.
 */
public final class LogValues {

	static final int MAX_LENGTH = 200;

	private LogValues() {
	}

	public static String of(String value) {
		if (value == null) {
			return "null";
		}
		StringBuilder text = new StringBuilder(Math.min(value.length(), MAX_LENGTH) + 8);
		for (int i = 0; i < value.length() && text.length() < MAX_LENGTH; i++) {
			char c = value.charAt(i);
			if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
				text.append(String.format("\\u%04x", (int) c));
			}
			else {
				text.append(c);
			}
		}
		if (text.length() >= MAX_LENGTH && value.length() > MAX_LENGTH) {
			text.append('…');
		}
		return text.toString();
	}

}
