package io.modelmonitoring.scan.model;

/** One model of one tenant: the unit every check is made for. */
public record ModelKey(String tenantId, String modelId) implements Comparable<ModelKey> {

	@Override
	public int compareTo(ModelKey other) {
		int byTenant = this.tenantId.compareTo(other.tenantId);
		return (byTenant != 0) ? byTenant : this.modelId.compareTo(other.modelId);
	}

}
