package io.modelmonitoring.scan.remote;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;

/**
 * A JSON document read into maps, lists, strings, longs, doubles, booleans and nulls, and
 * typed lookups on them that name the field when it is missing or of another kind. The
 * scan library has Jackson's streaming core only; its two documents (a job's request and
 * its result) are small enough to hold as a tree.
 */
final class JsonTree {

	/** A result file holds a few sketches a model; a billion-model lake is no goal. */
	private static final long MAX_DOCUMENT_BYTES = 1L << 31;

	private static final JsonFactory JSON = JsonFactory.builder()
		.disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(MAX_DOCUMENT_BYTES).build())
		.build();

	private JsonTree() {
	}

	static Map<String, Object> read(InputStream in, String what) {
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), in)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalArgumentException(what + " is not a JSON object");
			}
			Map<String, Object> document = object(parser);
			if (parser.nextToken() != null) {
				throw new IllegalArgumentException(what + " has content after its JSON object");
			}
			return document;
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(what + " is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	private static Map<String, Object> object(JsonParser parser) {
		Map<String, Object> object = new LinkedHashMap<>();
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			object.put(name, value(parser, parser.nextToken()));
		}
		return object;
	}

	private static Object value(JsonParser parser, JsonToken token) {
		return switch (token) {
			case START_OBJECT -> object(parser);
			case START_ARRAY -> {
				List<Object> list = new ArrayList<>();
				for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
					list.add(value(parser, next));
				}
				yield list;
			}
			case VALUE_STRING -> parser.getString();
			case VALUE_NUMBER_INT -> parser.getLongValue();
			case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
			case VALUE_TRUE -> Boolean.TRUE;
			case VALUE_FALSE -> Boolean.FALSE;
			case VALUE_NULL -> null;
			default -> throw new IllegalArgumentException("unexpected JSON token " + token);
		};
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> object(Map<String, Object> parent, String field) {
		Object value = parent.get(field);
		if (!(value instanceof Map)) {
			throw new IllegalArgumentException("'" + field + "' must be a JSON object");
		}
		return (Map<String, Object>) value;
	}

	static Map<String, Object> optionalObject(Map<String, Object> parent, String field) {
		return (parent.get(field) == null) ? null : object(parent, field);
	}

	static List<?> list(Map<String, Object> parent, String field) {
		Object value = parent.get(field);
		if (!(value instanceof List<?> list)) {
			throw new IllegalArgumentException("'" + field + "' must be a JSON array");
		}
		return list;
	}

	static String string(Map<String, Object> parent, String field) {
		Object value = parent.get(field);
		if (!(value instanceof String string)) {
			throw new IllegalArgumentException("'" + field + "' must be a string");
		}
		return string;
	}

	static long integer(Map<String, Object> parent, String field) {
		Object value = parent.get(field);
		if (!(value instanceof Long number)) {
			throw new IllegalArgumentException("'" + field + "' must be an integer");
		}
		return number;
	}

	static boolean bool(Map<String, Object> parent, String field) {
		Object value = parent.get(field);
		if (!(value instanceof Boolean bool)) {
			throw new IllegalArgumentException("'" + field + "' must be true or false");
		}
		return bool;
	}

	static double[] doubles(Map<String, Object> parent, String field) {
		List<?> list = list(parent, field);
		double[] values = new double[list.size()];
		for (int i = 0; i < values.length; i++) {
			if (!(list.get(i) instanceof Number number)) {
				throw new IllegalArgumentException("'" + field + "' must hold numbers only");
			}
			values[i] = number.doubleValue();
		}
		return values;
	}

	static long[] longs(Map<String, Object> parent, String field) {
		List<?> list = list(parent, field);
		long[] values = new long[list.size()];
		for (int i = 0; i < values.length; i++) {
			if (!(list.get(i) instanceof Long number)) {
				throw new IllegalArgumentException("'" + field + "' must hold integers only");
			}
			values[i] = number;
		}
		return values;
	}

	static List<String> strings(Map<String, Object> parent, String field) {
		List<?> list = list(parent, field);
		List<String> values = new ArrayList<>(list.size());
		for (Object item : list) {
			if (!(item instanceof String string)) {
				throw new IllegalArgumentException("'" + field + "' must hold strings only");
			}
			values.add(string);
		}
		return values;
	}

}
