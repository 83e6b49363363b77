package io.patchserve.ingest;

import io.patchserve.config.IngestConfig;
import io.patchserve.raster.PixelBudget;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What one item, one archive entry or one line of a release may cost ingest, as the formats check it: decided
 * from headers and sizes before anything is decoded or held, so a hostile release is skipped, not a crash.
 */
@ApplicationScoped
public class IngestLimits {

    private final IngestConfig config;
    private final PixelBudget pixels;

    public IngestLimits(IngestConfig config) {
        this.config = config;
        this.pixels = new PixelBudget(config.maxImageSide(), config.maxImagePixels(), config.maxItemDecodedBytes());
    }

    /** The largest image an item may decode. */
    public PixelBudget pixels() {
        return pixels;
    }

    /** Most bytes of all of one item's bands decoded. */
    public long itemBytes() {
        return config.maxItemDecodedBytes();
    }

    public ArchiveLimits archive() {
        return new ArchiveLimits(config.maxArchiveEntryBytes(), config.maxArchiveExpandedBytes(), config.maxArchiveRatio(),
                config.archiveRatioGraceBytes());
    }

    public int lineBytes() {
        return config.maxLineBytes();
    }
}
