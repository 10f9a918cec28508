package io.modelmonitoring.security;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.apache.coyote.ProtocolHandler;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.http.MimeHeaders;
import org.apache.tomcat.util.http.Rfc6265CookieProcessor;
import org.apache.tomcat.util.http.ServerCookies;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpHeaders;

/**
 * What the services' Tomcat does differently, so that a slow or hostile client cannot
 * hold a request thread or put a cookie in the log:
 * <ul>
 * <li>a request whose body is not read to its end (one refused before its body, 401, 403,
 * 413, 408, or an anonymous one to an open path) has its connection closed once answered,
 * instead of Tomcat reading the rest of the body in the request's thread, which a client
 * sending a byte now and then makes last for ever;</li>
 * <li>while a body is read, one read waits at most {@code security.request_body_timeout}
 * (Tomcat's upload timeout); its connection and keep-alive timeouts stay Spring Boot's;
 * </li>
 * <li>cookies are not parsed: the services are stateless and take tokens from the
 * {@code Authorization} header only, and Tomcat logs a cookie it cannot parse (a
 * {@code Cookie: Authorization=Bearer …}) whole at INFO.</li>
 * </ul>
 * A request Tomcat refuses itself, before any filter, is answered with problem+json by
 * service-web, in every service.
 */
final class TomcatHardening implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

	private final Duration bodyTimeout;

	TomcatHardening(Duration bodyTimeout) {
		this.bodyTimeout = bodyTimeout;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addEngineValves(new UnreadBodyValve());
		factory.addProtocolHandlerCustomizers((TomcatProtocolHandlerCustomizer<ProtocolHandler>) (handler) -> {
			if (handler instanceof AbstractHttp11Protocol<?> http) {
				http.setDisableUploadTimeout(false);
				http.setConnectionUploadTimeout((int) Math.min(Integer.MAX_VALUE, this.bodyTimeout.toMillis()));
			}
		});
		factory.addContextCustomizers((context) -> context.setCookieProcessor(new NoCookies()));
	}

	/**
	 * After the answer, a body that was not read to its end is left unread: Tomcat is
	 * told not to swallow it and closes the connection (as it does when it refuses an
	 * upload itself), with {@code Connection: close} when the answer is not yet on its
	 * way.
	 */
	static final class UnreadBodyValve extends ValveBase {

		UnreadBodyValve() {
			super(true);
		}

		@Override
		public void invoke(Request request, Response response) throws IOException, ServletException {
			try {
				getNext().invoke(request, response);
			}
			finally {
				if (!request.isAsync() && !request.isFinished()) {
					if (!response.isCommitted()) {
						response.setHeader(HttpHeaders.CONNECTION, "close");
					}
					request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
				}
			}
		}

	}

	/** Reads no cookie: {@code request.getCookies()} is always empty. */
	static final class NoCookies extends Rfc6265CookieProcessor {

		@Override
		public void parseCookieHeader(MimeHeaders headers, ServerCookies serverCookies) {
			// The services take no cookies; parsing one would log it when it is invalid.
		}

	}

}
