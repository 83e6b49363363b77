package io.patchserve.ingest;

/**
 * What reading one release archive may cost: the largest entry spooled, the most bytes it may expand to in
 * all, and how many times its own size it may expand once past a grace amount. Tar entries of PNG, GeoTIFF
 * or HDF5 patches expand one to a few times; a gzip of zeros expands a thousand times, so the ratio catches a
 * decompression bomb long before the total does.
 *
 * @param entryBytes    largest entry spooled; a larger one is skipped unread (its bytes still count below)
 * @param expandedBytes most bytes the archive may expand to; past it the walk stops
 * @param ratio         most expanded bytes per archive byte, checked once past {@code graceBytes}
 * @param graceBytes    expanded bytes read before the ratio applies (headers and small files compress well)
 */
public record ArchiveLimits(long entryBytes, long expandedBytes, double ratio, long graceBytes) {
}
