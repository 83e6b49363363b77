package io.patchserve.ingest;

import java.io.IOException;

/** One item's worth of a release (a file, a patch folder, a row of an HDF5), read on a worker thread. */
public interface SourceUnit {

    /** Where it comes from, for reports: a path in the release, or file#row. */
    String name();

    /** What decides which shard owns the unit (for indexed Jobs); stable across runs. */
    default String shardKey() {
        return name();
    }

    /** Reads the unit. Must not throw for bad content: bad content is a {@link Skipped} with its reason. */
    IngestEntry read() throws IOException;

    /** Done with the unit: spooled copies and files made for it are deleted. */
    void release();
}
