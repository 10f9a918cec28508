package io.modelmonitoring.scan.lake;

/**
 * What a collector found last for each (tenant, model), by the references of the two
 * Strings: the parser hands in one String per distinct tenant and model of a file, and
 * the lines of a file interleave many models, so the previous line's model is rarely the
 * next one's and two map lookups a line were a tenth of a scan. A lookup here is one
 * probe of a direct-mapped table; a miss (the Strings of another file, or two models that
 * share a slot) goes to the collector's maps, whose answer then takes the slot. Not
 * thread-safe.
 */
final class RecentModels<T> {

	/** Four times the models of a typical lake, so that few share a slot. */
	private static final int SLOTS = 2048;

	private final String[] tenants = new String[SLOTS];

	private final String[] models = new String[SLOTS];

	private final Object[] values = new Object[SLOTS];

	/** What was put for these very Strings; null when the slot holds another pair. */
	@SuppressWarnings("unchecked")
	T get(String tenantId, String modelId) {
		int slot = slot(tenantId, modelId);
		return (this.tenants[slot] == tenantId && this.models[slot] == modelId) ? (T) this.values[slot] : null;
	}

	void put(String tenantId, String modelId, T value) {
		int slot = slot(tenantId, modelId);
		this.tenants[slot] = tenantId;
		this.models[slot] = modelId;
		this.values[slot] = value;
	}

	private static int slot(String tenantId, String modelId) {
		// String caches its hash: two field reads.
		int hash = tenantId.hashCode() * 31 + modelId.hashCode();
		return (hash ^ (hash >>> 11) ^ (hash >>> 22)) & (SLOTS - 1);
	}

}
