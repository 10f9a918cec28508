package io.modelmonitoring.security.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.fail;

/**
 * A request whose chunked body has begun (its first chunk, <code>{</code>) and goes on
 * only as the test says, over a socket of its own: the slow sender of the attack on
 * request threads.
 */
public final class SlowBody implements AutoCloseable {

	private final Socket socket;

	private final OutputStream out;

	private final InputStream in;

	private final ByteArrayOutputStream received = new ByteArrayOutputStream();

	private SlowBody(Socket socket) throws IOException {
		this.socket = socket;
		this.out = socket.getOutputStream();
		this.in = socket.getInputStream();
	}

	/**
	 * Sends the request line, the headers (with the token, when given) and the first
	 * chunk, and no more.
	 */
	public static SlowBody open(int port, String method, String path, String contentType, String token)
			throws IOException {
		SlowBody body = new SlowBody(new Socket("127.0.0.1", port));
		String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
				+ "\r\nTransfer-Encoding: chunked\r\n"
				+ ((token != null) ? "Authorization: Bearer " + token + "\r\n" : "") + "\r\n1\r\n{\r\n";
		body.out.write(head.getBytes(StandardCharsets.US_ASCII));
		body.out.flush();
		return body;
	}

	/** One more byte of the body. */
	public void trickle() {
		try {
			this.out.write("1\r\n \r\n".getBytes(StandardCharsets.US_ASCII));
			this.out.flush();
		}
		catch (IOException ex) {
			// closed by the server: its answer is read next
		}
	}

	/** The answer's status line and headers; the test fails without them in time. */
	public String responseHead(Duration timeout) throws IOException {
		String head = responseHeadIfAny(timeout);
		if (head == null) {
			fail("no answer within %s: the server is waiting for the body", timeout);
		}
		return head;
	}

	/**
	 * The answer's status line and headers, or null if they have not come in time.
	 */
	public String responseHeadIfAny(Duration timeout) throws IOException {
		this.socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
		try {
			while (!this.received.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
				int b = this.in.read();
				if (b < 0) {
					break;
				}
				this.received.write(b);
			}
		}
		catch (SocketTimeoutException ex) {
			return null;
		}
		String text = this.received.toString(StandardCharsets.ISO_8859_1);
		return text.contains("\r\n\r\n") ? text.substring(0, text.indexOf("\r\n\r\n")) : null;
	}

	/**
	 * Whether the server closes the connection (after its answer) within the time.
	 */
	public boolean closedByServer(Duration timeout) throws IOException {
		this.socket.setSoTimeout((int) timeout.toMillis());
		try {
			while (this.in.read() >= 0) {
				// the rest of the answer
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
