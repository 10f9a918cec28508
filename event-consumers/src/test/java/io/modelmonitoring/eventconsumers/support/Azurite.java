package io.modelmonitoring.eventconsumers.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;

/**
 * Azurite's blob endpoint on 127.0.0.1 (port 10000, or {@code AZURITE_BLOB_PORT}), with
 * its well-known development account; a test that cannot reach it fails saying how to
 * start it.
 */
public final class Azurite {

	public static final String ACCOUNT_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

	public static final int PORT = Integer.parseInt(System.getenv().getOrDefault("AZURITE_BLOB_PORT", "10000"));

	private Azurite() {
	}

	/** The connection string of the development account, once Azurite answers. */
	public static String connectionString() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", PORT), 2000);
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"These tests need Azurite's blob endpoint on 127.0.0.1:" + PORT
							+ ". Run every test with scripts/test.sh, which installs and starts it, or start it with "
							+ "'source scripts/infra.sh && ensure_azurite' (set AZURITE_BLOB_PORT for another port).",
					ex);
		}
		return connectionString(PORT);
	}

	public static String connectionString(int port) {
		return "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + ACCOUNT_KEY
				+ ";BlobEndpoint=http://127.0.0.1:" + port + "/devstoreaccount1;";
	}

	public static BlobServiceClient service() {
		return new BlobServiceClientBuilder().connectionString(connectionString()).buildClient();
	}

}
