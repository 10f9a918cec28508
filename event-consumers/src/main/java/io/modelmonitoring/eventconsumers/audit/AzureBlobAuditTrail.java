package io.modelmonitoring.eventconsumers.audit;

import java.time.Duration;
import java.time.LocalDate;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trail in Azure Blob Storage, through the blob API (which ADLS Gen2 accounts serve
 * too, and Azurite serves): one block blob per message, created by a single Put Blob with
 * {@code If-None-Match: *}. The service commits it durably before it answers 201; a blob
 * that exists already is answered 409, which is how a redelivered message is recognised.
 * A timeout after the service did commit is tried again by the SDK and then answered 409,
 * so it counts as written too. A container that does not exist is created, once.
 */
final class AzureBlobAuditTrail implements AuditTrail {

	private static final Logger logger = LoggerFactory.getLogger(AzureBlobAuditTrail.class);

	static final String CONTENT_TYPE = "application/x-ndjson";

	private final BlobContainerClient container;

	private final AuditLayout layout;

	private final Duration timeout;

	AzureBlobAuditTrail(BlobContainerClient container, AuditLayout layout, Duration timeout) {
		this.container = container;
		this.layout = layout;
		this.timeout = timeout;
	}

	@Override
	public Outcome append(AuditRecord record) {
		for (LocalDate earlier : record.earlierDays()) {
			if (exists(this.layout.path(earlier, record.name()))) {
				return Outcome.DUPLICATE;
			}
		}
		BlobClient blob = this.container.getBlobClient(this.layout.path(record.day(), record.name()));
		try {
			return create(blob, record);
		}
		catch (BlobStorageException ex) {
			if (!BlobErrorCode.CONTAINER_NOT_FOUND.equals(ex.getErrorCode())) {
				throw ex;
			}
			logger.warn("audit container {} does not exist: creating it", this.container.getBlobContainerName());
			this.container.createIfNotExists();
			return create(blob, record);
		}
	}

	private Outcome create(BlobClient blob, AuditRecord record) {
		BlobParallelUploadOptions options = new BlobParallelUploadOptions(BinaryData.fromBytes(record.line()))
			.setHeaders(new BlobHttpHeaders().setContentType(CONTENT_TYPE))
			.setRequestConditions(new BlobRequestConditions().setIfNoneMatch("*"));
		try {
			blob.uploadWithResponse(options, this.timeout, Context.NONE);
			return Outcome.WRITTEN;
		}
		catch (BlobStorageException ex) {
			// 409 BlobAlreadyExists; 412 is what a failed If-None-Match may be answered
			// with.
			if (ex.getStatusCode() == 409 || ex.getStatusCode() == 412) {
				return Outcome.DUPLICATE;
			}
			throw ex;
		}
	}

	private boolean exists(String path) {
		return this.container.getBlobClient(path).existsWithResponse(this.timeout, Context.NONE).getValue();
	}

	@Override
	public boolean enabled() {
		return true;
	}

	@Override
	public String describe() {
		return "Azure Blob Storage " + this.container.getAccountUrl() + ", container "
				+ this.container.getBlobContainerName() + ", " + this.layout.describe();
	}

}
