package io.modelmonitoring.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * HTTP/1.1 over a raw socket, for requests HTTP clients normalise or refuse to send (a
 * bad escape or an invalid character in the path, a malformed method or Host header), and
 * the requests Tomcat refuses itself with them, before any filter or servlet runs.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * A request Tomcat refuses before the application sees it.
	 *
	 * @param name what is wrong with it
	 * @param head the request, head only, as sent
	 * @param quoted a part of it that Tomcat's own page quoted and an answer must not
	 */
	public record Refused(String name, String head, String quoted) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	/**
	 * The requests Tomcat refuses itself, each with a 400, against a path of the service;
	 * the header is larger than Tomcat's default limit of 8 KB.
	 */
	public static List<Refused> refusedByTomcat(String path) {
		String host = "\r\nHost: 127.0.0.1\r\n";
		return List.of(new Refused("encoded slash", "GET " + path + "/a%2Fb HTTP/1.1" + host + "\r\n", "a%2Fb"),
				new Refused("bad escape", "GET " + path + "/%zz HTTP/1.1" + host + "\r\n", "%zz"),
				new Refused("invalid character", "GET " + path + "/{things} HTTP/1.1" + host + "\r\n", "things"),
				new Refused("bad method", "G(ET " + path + " HTTP/1.1" + host + "\r\n", "G(ET"),
				new Refused("bad Host", "GET " + path + " HTTP/1.1\r\nHost: bad[host\r\n\r\n", "bad[host"),
				new Refused("no Host", "GET " + path + " HTTP/1.1\r\n\r\n", path), new Refused("header too large",
						"GET " + path + " HTTP/1.1" + host + "X-Big: " + "x".repeat(16 * 1024) + "\r\n\r\n", "xxxx"));
	}

	/** What came back: the status line, the headers, the body. */
	public record Answer(String statusLine, String headers, String body) {

		public int status() {
			String[] parts = this.statusLine.split(" ");
			return (parts.length > 1) ? Integer.parseInt(parts[1]) : -1;
		}

		/** The value of a header, or null; the name in any case. */
		public String header(String name) {
			for (String line : this.headers.split("\r\n")) {
				int colon = line.indexOf(':');
				if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
					return line.substring(colon + 1).trim();
				}
			}
			return null;
		}

	}

	/**
	 * Sends the request as ISO-8859-1 bytes and reads the answer until its
	 * {@code Content-Length} has arrived, the server closes, or 5 s have passed.
	 */
	public static Answer send(int port, String request) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(5_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			try {
				for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
					received.write(buffer, 0, read);
					if (complete(received.toByteArray())) {
						break;
					}
				}
			}
			catch (SocketTimeoutException | SocketException ex) {
				// what arrived is the answer
			}
			return answer(received.toString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot connect to 127.0.0.1:" + port, ex);
		}
	}

	private static Answer answer(String text) {
		int end = text.indexOf("\r\n\r\n");
		String head = (end < 0) ? text : text.substring(0, end);
		int firstLine = head.indexOf("\r\n");
		String statusLine = (firstLine < 0) ? head : head.substring(0, firstLine);
		String headers = (firstLine < 0) ? "" : head.substring(firstLine + 2);
		return new Answer(statusLine, headers, (end < 0) ? "" : text.substring(end + 4));
	}

	/** The head and as many body bytes as its Content-Length says. */
	private static boolean complete(byte[] received) {
		String text = new String(received, StandardCharsets.ISO_8859_1);
		int end = text.indexOf("\r\n\r\n");
		if (end < 0) {
			return false;
		}
		String length = answer(text).header("Content-Length");
		return length != null && received.length >= end + 4 + Integer.parseInt(length);
	}

}
