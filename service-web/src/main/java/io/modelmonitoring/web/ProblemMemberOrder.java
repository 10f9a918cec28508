package io.modelmonitoring.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.ser.ValueSerializerModifier;

import org.springframework.http.ProblemDetail;

/**
 * Writes a problem's members in RFC 9457's order, type, title, status, detail, instance,
 * then the problem's own members in the order they were set. Jackson 3 would write them
 * alphabetically (detail first). A module rather than a mix-in, so that it keeps Spring's
 * own {@code ProblemDetail} mix-in, which lifts the problem's own members to the top
 * level.
 */
final class ProblemMemberOrder extends ValueSerializerModifier {

	static final List<String> ORDER = List.of("type", "title", "status", "detail", "instance");

	static JacksonModule module() {
		return new SimpleModule("problem-member-order").setSerializerModifier(new ProblemMemberOrder());
	}

	@Override
	public List<BeanPropertyWriter> orderProperties(SerializationConfig config, BeanDescription.Supplier beanDesc,
			List<BeanPropertyWriter> properties) {
		if (!ProblemDetail.class.isAssignableFrom(beanDesc.getBeanClass())) {
			return properties;
		}
		List<BeanPropertyWriter> ordered = new ArrayList<>(properties);
		ordered.sort(Comparator.comparingInt((property) -> rank(property.getName())));
		return ordered;
	}

	private static int rank(String member) {
		int rank = ORDER.indexOf(member);
		return (rank >= 0) ? rank : ORDER.size();
	}

}
