package io.patchserve.ingest;

import io.patchserve.stats.ProvidedStatistics;

import io.patchserve.catalog.NewCollection;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A dataset's native layout, read into items. One implementation per format (smcefr, bigearthnet, mmearth).
 * A format walks its release and hands out one {@link SourceUnit} per item; ingest reads the units on worker
 * threads, so a walk must only find units, not read their pixels.
 */
public interface DatasetFormat {

    /** The name used on the command line and in import requests. */
    String name();

    /** The collection to create when an ingest of {@code source} names one that does not exist yet. */
    NewCollection defaultCollection(String collectionId, Path source) throws IOException;

    /** Finds the release's items; {@code workDir} is for spooled archive entries and files made per item. */
    void walk(Path source, Path workDir, UnitSink sink) throws Exception;

    /** Band statistics the release ships with (MMEarth's band_stats.json), instead of computing them. */
    default Optional<ProvidedStatistics> providedStatistics(Path source) throws IOException {
        return Optional.empty();
    }

    /** Receives units as the walk finds them; may block to keep the number in flight bounded. */
    interface UnitSink {
        void accept(SourceUnit unit) throws Exception;

        /** Told how many units the walk will find, when it knows before it starts (a folder's listing). */
        default void expect(long units) {
        }
    }
}
