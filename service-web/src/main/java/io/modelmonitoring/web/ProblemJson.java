package io.modelmonitoring.web;

import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

/**
 * A {@link ProblemDetail} as every service writes it, whoever writes it (an exception
 * handler, a filter before the controllers, Tomcat's error report valve): Spring's
 * mix-in, which lifts the problem's own members to the top level, and RFC 9457's member
 * order ({@link #memberOrder}).
 */
public final class ProblemJson {

	private static final JsonMapper JSON = JsonMapper.builder()
		.addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
		.addModule(memberOrder())
		.build();

	private ProblemJson() {
	}

	/** The problem as JSON, in UTF-8. */
	public static byte[] bytes(ProblemDetail problem) {
		return JSON.writeValueAsBytes(problem);
	}

	/** The problem as JSON. */
	public static String text(ProblemDetail problem) {
		return JSON.writeValueAsString(problem);
	}

	/**
	 * Type, title, status, detail, instance, then the problem's own members; for the
	 * application's own JSON mapper too (Boot adds every {@link JacksonModule} bean to
	 * it).
	 */
	public static JacksonModule memberOrder() {
		return ProblemMemberOrder.module();
	}

}
