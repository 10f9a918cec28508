package io.modelmonitoring.scan.remote;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * A client of a Spark standalone master's REST submission server
 * ({@code spark.master.rest.enabled}, port 6066 by default): submits an application in
 * cluster mode, reads the state of its driver, kills it. The protocol is the one
 * {@code spark-submit --master spark://…:6066 --deploy-mode cluster} speaks, so no Spark
 * jar is needed on this side.
 */
public final class SparkSubmissions {

	/** What the server answers is small; more is no answer of its. */
	private static final int MAX_ANSWER_BYTES = 1 << 20;

	private static final JsonFactory JSON = new JsonFactory();

	private final URI server;

	private final HttpClient http;

	private final Duration requestTimeout;

	/**
	 * @param server the REST server, e.g. {@code http://127.0.0.1:6066}
	 * @param requestTimeout the most one request may take
	 */
	public SparkSubmissions(URI server, Duration requestTimeout) {
		this.server = URI.create(server.toString().replaceAll("/+$", "") + "/");
		this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
		this.requestTimeout = requestTimeout;
	}

	/**
	 * Submits an application; the answer is its submission (driver) id.
	 * @throws SparkEngineException when the server cannot be reached or refuses
	 */
	public String create(Submission submission) {
		Map<String, Object> answer = send(HttpRequest.newBuilder(this.server.resolve("v1/submissions/create"))
			.header("Content-Type", "application/json;charset=UTF-8")
			.POST(HttpRequest.BodyPublishers.ofByteArray(submission.toJson())), "submit the drift scan");
		if (!Boolean.TRUE.equals(answer.get("success")) || !(answer.get("submissionId") instanceof String id)) {
			throw new SparkEngineException("the Spark master refused the submission: " + message(answer), null);
		}
		return id;
	}

	/** The state of a submitted driver. */
	public DriverStatus status(String submissionId) {
		Map<String, Object> answer = send(
				HttpRequest.newBuilder(this.server.resolve("v1/submissions/status/" + submissionId)).GET(),
				"read the state of driver " + submissionId);
		if (!Boolean.TRUE.equals(answer.get("success")) || !(answer.get("driverState") instanceof String state)) {
			throw new SparkEngineException(
					"the Spark master knows no state of driver " + submissionId + ": " + message(answer), null);
		}
		return new DriverStatus(state, (answer.get("message") instanceof String text) ? text : null,
				(answer.get("workerHostPort") instanceof String worker) ? worker : null);
	}

	/** Asks the master to kill a driver; a driver already gone is no failure. */
	public void kill(String submissionId) {
		send(HttpRequest.newBuilder(this.server.resolve("v1/submissions/kill/" + submissionId))
			.POST(HttpRequest.BodyPublishers.noBody()), "kill driver " + submissionId);
	}

	private Map<String, Object> send(HttpRequest.Builder request, String what) {
		HttpResponse<byte[]> response;
		try {
			response = this.http.send(request.timeout(this.requestTimeout).build(),
					HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new SparkEngineException(
					"cannot " + what + ": the Spark master's REST server " + this.server + " is unreachable: " + ex,
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SparkEngineException("interrupted while trying to " + what, ex);
		}
		byte[] body = response.body();
		if (body.length > MAX_ANSWER_BYTES) {
			throw new SparkEngineException("cannot " + what + ": the Spark master answered " + body.length
					+ " bytes, more than a submission answer", null);
		}
		try {
			return JsonTree.read(new ByteArrayInputStream(body), "the Spark master's answer");
		}
		catch (IllegalArgumentException ex) {
			throw new SparkEngineException("cannot " + what + ": the Spark master answered HTTP "
					+ response.statusCode() + " without a submission answer", ex);
		}
	}

	private static String message(Map<String, Object> answer) {
		Object message = answer.get("message");
		return (message instanceof String text) ? text : String.valueOf(answer);
	}

	/**
	 * A driver's state as the master reports it: {@code SUBMITTED}, {@code RUNNING},
	 * {@code RELAUNCHING}, {@code UNKNOWN} while it runs or waits; {@code FINISHED} (exit
	 * code 0), {@code FAILED} (non-zero), {@code KILLED} or {@code ERROR} (could not
	 * start) once it is over.
	 */
	public record DriverStatus(String state, String message, String worker) {

		public boolean over() {
			return switch (this.state) {
				case "FINISHED", "FAILED", "KILLED", "ERROR" -> true;
				default -> false;
			};
		}

		public boolean finished() {
			return "FINISHED".equals(this.state);
		}

	}

	/**
	 * One application in cluster mode.
	 *
	 * @param appResource the application jar, as a URI every worker can read
	 * @param mainClass its main class
	 * @param args its arguments
	 * @param sparkProperties {@code spark.master}, memory, cores and the rest
	 * @param sparkVersion the Spark version this side expects the master to run
	 */
	public record Submission(String appResource, String mainClass, List<String> args,
			Map<String, String> sparkProperties, String sparkVersion) {

		byte[] toJson() {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
				json.writeStartObject();
				json.writeStringProperty("action", "CreateSubmissionRequest");
				json.writeStringProperty("appResource", this.appResource);
				json.writeStringProperty("mainClass", this.mainClass);
				json.writeArrayPropertyStart("appArgs");
				for (String arg : this.args) {
					json.writeString(arg);
				}
				json.writeEndArray();
				json.writeStringProperty("clientSparkVersion", this.sparkVersion);
				json.writeName("environmentVariables");
				json.writeStartObject();
				// Tells the driver's launcher that no spark-env.sh is to be sourced.
				json.writeStringProperty("SPARK_ENV_LOADED", "1");
				json.writeEndObject();
				json.writeName("sparkProperties");
				json.writeStartObject();
				for (Map.Entry<String, String> property : new TreeMap<>(this.sparkProperties).entrySet()) {
					json.writeStringProperty(property.getKey(), property.getValue());
				}
				json.writeEndObject();
				json.writeEndObject();
			}
			return out.toByteArray();
		}

	}

}
