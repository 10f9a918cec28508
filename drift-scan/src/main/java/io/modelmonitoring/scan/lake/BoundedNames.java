package io.modelmonitoring.scan.lake;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The values kept for at most {@code limit} names: those that sort first. Which names are
 * kept does not depend on the order records arrive in, so per-file parts merge into the
 * very set a single reader keeps: a name that is not among the first {@code limit} of one
 * part cannot be among the first of the whole. A name pushed out or refused is counted
 * once among the ignored (up to a bound).
 */
final class BoundedNames<V> implements Serializable {

	private final int limit;

	private final int ignoredTracked;

	private final Map<String, V> values = new HashMap<>();

	/** The kept names in order, only while at the limit (insertions are rare). */
	private final TreeSet<String> order = new TreeSet<>();

	private final TreeSet<String> ignored = new TreeSet<>();

	BoundedNames(int limit, int ignoredTracked) {
		this.limit = limit;
		this.ignoredTracked = ignoredTracked;
	}

	V get(String name) {
		return this.values.get(name);
	}

	/**
	 * The value of a name, made when new; null when the name is not kept.
	 * @param evicted told of the value a new name pushes out
	 */
	V getOrCreate(String name, Function<String, V> create, Consumer<V> evicted) {
		V value = this.values.get(name);
		if (value != null) {
			return value;
		}
		if (this.ignored.contains(name)) {
			return null;
		}
		if (this.values.size() >= this.limit) {
			String last = this.order.last();
			if (name.compareTo(last) > 0) {
				ignore(name);
				return null;
			}
			this.order.remove(last);
			evicted.accept(this.values.remove(last));
			ignore(last);
		}
		value = create.apply(name);
		this.values.put(name, value);
		this.order.add(name);
		return value;
	}

	void ignore(String name) {
		if (this.ignored.size() < this.ignoredTracked) {
			this.ignored.add(name);
		}
	}

	void ignoreAll(BoundedNames<?> other) {
		other.ignored.forEach(this::ignore);
	}

	/** The kept names and values, sorted by name. */
	Iterable<Map.Entry<String, V>> sorted() {
		TreeMap<String, V> sorted = new TreeMap<>(this.values);
		return sorted.entrySet();
	}

	int ignoredCount() {
		return this.ignored.size();
	}

}
