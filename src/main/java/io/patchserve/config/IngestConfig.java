package io.patchserve.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** How ingest runs. Every key is overridable as PATCHSERVE_INGEST_*. */
@ConfigMapping(prefix = "patchserve.ingest")
public interface IngestConfig {

    /** Folder that import requests name their sources in (a mounted volume); imports are refused when unset. */
    Optional<Path> importRoot();

    /** Time between progress lines. */
    @WithDefault("5S")
    Duration progressInterval();

    /**
     * Items ingested at the same time (S3 uploads and row writes overlap decoding). On 2 cores, BigEarthNet
     * patches went 39/s at 4, 52–56/s at 8, 40–46/s at 16 (bench/README.md).
     */
    @WithDefault("8")
    int parallelism();

    /**
     * Database connections a bulk item load (ingest --format stac-items) merges batches on at once, while the
     * next batch is parsed. On 2 cores, one left a quarter of the CPU idle (bench/README.md, session 7).
     */
    @WithDefault("2")
    int bulkLoadConnections();

    /** Widest or tallest image ingest decodes, in pixels; a larger one is skipped, decided from its header. */
    @WithDefault("20000")
    int maxImageSide();

    /** Most pixels one image may have to be decoded at ingest. */
    @WithDefault("100000000")
    long maxImagePixels();

    /** Most bytes one item's pixels may take decoded (all its bands); a larger item is skipped. */
    @WithDefault("536870912")
    long maxItemDecodedBytes();

    /** Largest archive entry ingest reads; a larger one is skipped without being spooled. */
    @WithDefault("2147483648")
    long maxArchiveEntryBytes();

    /** Most bytes a release archive may expand to in all (skipped entries count); past it the ingest stops. */
    @WithDefault("1099511627776")
    long maxArchiveExpandedBytes();

    /**
     * Most times its own size a release archive may expand (after {@link #archiveRatioGraceBytes()}); past it
     * the ingest stops as at a decompression bomb. Patch archives expand one to a few times; zeros a thousand.
     */
    @WithDefault("100")
    double maxArchiveRatio();

    /** Expanded bytes read before the ratio is checked (a small archive of small files may compress well). */
    @WithDefault("67108864")
    long archiveRatioGraceBytes();

    /** Longest line of a STAC items file (bytes); a longer one is skipped, read through without being held. */
    @WithDefault("16777216")
    int maxLineBytes();

    /**
     * Where an HTTP import runs: "process" (the service's artifact started again as the ingest command, with a
     * heap of its own, so a release that exhausts memory stops its import, not the service), "in-service" (a
     * thread of the service), or "auto": a process when the service runs from its jar, else in the service.
     */
    @WithDefault("auto")
    String importIsolation();

    /** The heap of an import's process (-Xmx). */
    @WithDefault("1g")
    String importHeap();

    /**
     * How often a running import records its counts in PostGIS (so any replica reports them); one silent for five
     * beats is shown as interrupted (its replica died) and can be resumed.
     */
    @WithDefault("2S")
    java.time.Duration importHeartbeat();
}
