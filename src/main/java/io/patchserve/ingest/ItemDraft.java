package io.patchserve.ingest;

import io.patchserve.stats.ItemPixels;

import org.locationtech.jts.geom.Geometry;

import java.time.Instant;
import java.util.Map;

/**
 * An item as a dataset format read it from its source, before its assets are uploaded.
 *
 * @param pixels the item's band arrays and split, counted into the collection's statistics once the item is
 *               published (null for formats that do not decode pixels at ingest)
 */
public record ItemDraft(String source, String id, Geometry geometry, Instant datetime, Instant startDatetime,
                        Instant endDatetime, Map<String, Object> properties, Map<String, LocalAsset> assets,
                        ItemPixels pixels)
        implements IngestEntry {

    public ItemDraft(String source, String id, Geometry geometry, Instant datetime, Instant startDatetime,
                     Instant endDatetime, Map<String, Object> properties, Map<String, LocalAsset> assets) {
        this(source, id, geometry, datetime, startDatetime, endDatetime, properties, assets, null);
    }
}
