package io.patchserve.ingest;

import io.patchserve.catalog.NewCollection;

/** A dataset's native layout, read into items. One implementation per format (smcefr, bigearthnet, ...). */
public interface DatasetFormat {

    /** The name used on the command line and in import requests. */
    String name();

    /** The collection to create when an ingest names one that does not exist yet. */
    NewCollection defaultCollection(String collectionId);

    /** What decides which shard a file belongs to: files of one item must share it (default: the file's path). */
    default String shardKey(SourceFile file) {
        return file.name();
    }

    /** Reads one file of the release. Must not throw for bad content: a bad file is a {@link Skipped}. */
    IngestEntry read(SourceFile file) throws java.io.IOException;
}
