package io.modelmonitoring.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder in front of a server, that can be cut (every connection closed, new
 * ones refused) and restored on the same port: a database becoming unreachable and coming
 * back.
 */
public final class TcpProxy implements AutoCloseable {

	private final int port;

	private final int targetPort;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile ServerSocket server;

	public TcpProxy(int targetPort) {
		this.targetPort = targetPort;
		this.port = SystemUnderTest.freePort();
		restore();
	}

	public int port() {
		return this.port;
	}

	public synchronized void cut() {
		closeQuietly(this.server);
		this.server = null;
		this.sockets.forEach(TcpProxy::closeQuietly);
		this.sockets.clear();
	}

	public synchronized void restore() {
		try {
			ServerSocket socket = new ServerSocket();
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
			this.server = socket;
			daemon(() -> accept(socket));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void accept(ServerSocket socket) {
		while (!socket.isClosed()) {
			try {
				Socket client = socket.accept();
				Socket target = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				this.sockets.add(client);
				this.sockets.add(target);
				pipe(client, target);
				pipe(target, client);
			}
			catch (IOException ex) {
				// closed by cut()
			}
		}
	}

	private void pipe(Socket from, Socket to) {
		daemon(() -> {
			byte[] buffer = new byte[16 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) != -1) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// one side closed
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		});
	}

	private static void daemon(Runnable task) {
		Thread thread = new Thread(task, "tcp-proxy");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() {
		cut();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		if (closeable != null) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// closing anyway
			}
		}
	}

}
