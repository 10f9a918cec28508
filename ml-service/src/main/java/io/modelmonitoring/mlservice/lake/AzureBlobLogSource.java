package io.modelmonitoring.mlservice.lake;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.modelmonitoring.scan.lake.DayPartitions;
import io.modelmonitoring.scan.lake.InferenceLogSource;
import io.modelmonitoring.scan.lake.LakeUnavailableException;
import io.modelmonitoring.scan.lake.LogFile;
import io.modelmonitoring.scan.lake.LogFileReader;
import io.modelmonitoring.scan.lake.LogScanRequest;
import io.modelmonitoring.scan.lake.LogScanResult;
import io.modelmonitoring.scan.lake.ParallelScan;

/**
 * Inference logs in Azure Data Lake Storage Gen2, read through its blob endpoint (which
 * ADLS Gen2 serves as well as Azurite does): per overlapping day the blobs under
 * {@code {prefix}/year=YYYY/month=MM/day=DD/} are listed once, and the log blobs are read
 * by a bounded pool ({@code data_lake.max_concurrent_downloads}), each streamed in blocks
 * (Parquet: in ranges), never downloaded whole.
 * <p>
 * A container that cannot be listed (missing, access denied, endpoint unreachable) makes
 * the whole scan fail with {@link LakeUnavailableException}; a blob that cannot be read
 * only counts as unreadable.
 */
final class AzureBlobLogSource implements InferenceLogSource {

	private final BlobContainerClient container;

	private final String prefix;

	private final Duration listTimeout;

	private final int maxConcurrentDownloads;

	/**
	 * @param container the container client, with the retries and timeouts it should use
	 * @param prefix the normalized prefix, without leading or trailing slash (may be
	 * empty)
	 * @param listTimeout how long listing one day partition may take
	 * @param maxConcurrentDownloads how many blobs are read at once
	 */
	AzureBlobLogSource(BlobContainerClient container, String prefix, Duration listTimeout, int maxConcurrentDownloads) {
		this.container = container;
		this.prefix = prefix;
		this.listTimeout = listTimeout;
		this.maxConcurrentDownloads = maxConcurrentDownloads;
	}

	/**
	 * Lists every day partition once, then reads the blobs, up to
	 * {@code maxConcurrentDownloads} at a time, each streamed in blocks.
	 */
	@Override
	public LogScanResult scan(LogScanRequest request) {
		List<LogFile> files = new ArrayList<>();
		for (LocalDate day : DayPartitions.overlapping(request.baseline(), request.current())) {
			String dayPrefix = (this.prefix.isEmpty() ? "" : this.prefix + "/") + DayPartitions.path(day) + "/";
			files.addAll(logBlobs(dayPrefix));
		}
		return ParallelScan.scan(files, request, this.maxConcurrentDownloads, "lake-download");
	}

	/** The log blobs under one day prefix (the listing's order, which is by name). */
	private List<LogFile> logBlobs(String dayPrefix) {
		List<LogFile> blobs = new ArrayList<>();
		try {
			for (BlobItem item : this.container.listBlobs(new ListBlobsOptions().setPrefix(dayPrefix),
					this.listTimeout)) {
				if (!Boolean.TRUE.equals(item.isPrefix()) && LogFileReader.isLogFile(item.getName())) {
					blobs.add(logFile(item));
				}
			}
		}
		catch (BlobStorageException ex) {
			throw new LakeUnavailableException(listingFailure(ex), ex);
		}
		catch (RuntimeException ex) {
			throw new LakeUnavailableException("cannot list " + where() + ": " + ex, ex);
		}
		return blobs;
	}

	private LogFile logFile(BlobItem item) {
		BlobClient blob = this.container.getBlobClient(item.getName());
		Long size = item.getProperties().getContentLength();
		return new LogFile(this.container.getBlobContainerName() + "/" + item.getName(), blob::openInputStream,
				() -> new AzureBlobInputFile(blob, (size != null) ? size : blob.getProperties().getBlobSize()));
	}

	private String listingFailure(BlobStorageException ex) {
		BlobErrorCode code = ex.getErrorCode();
		if (BlobErrorCode.CONTAINER_NOT_FOUND.equals(code)) {
			return "data lake container '" + this.container.getBlobContainerName() + "' does not exist at "
					+ this.container.getAccountUrl() + " (data_lake.container)";
		}
		if (ex.getStatusCode() == 401 || ex.getStatusCode() == 403) {
			return "access to " + where() + " was denied (HTTP " + ex.getStatusCode() + ", " + code
					+ "): check the account key or SAS in data_lake.connection_string";
		}
		return "cannot list " + where() + ": HTTP " + ex.getStatusCode() + " " + code;
	}

	private String where() {
		return "data lake container " + this.container.getBlobContainerUrl() + " under prefix /" + this.prefix;
	}

	@Override
	public String describe() {
		return "azure container " + this.container.getBlobContainerName() + " at " + this.container.getAccountUrl()
				+ " prefix /" + this.prefix;
	}

}
