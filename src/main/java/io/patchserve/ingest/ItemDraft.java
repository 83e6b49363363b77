package io.patchserve.ingest;

import org.locationtech.jts.geom.Geometry;

import java.time.Instant;
import java.util.Map;

/** An item as a dataset format read it from its source, before its assets are uploaded. */
public record ItemDraft(String source, String id, Geometry geometry, Instant datetime, Instant startDatetime,
                        Instant endDatetime, Map<String, Object> properties, Map<String, LocalAsset> assets)
        implements IngestEntry {
}
