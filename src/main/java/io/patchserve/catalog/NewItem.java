package io.patchserve.catalog;

import org.locationtech.jts.geom.Geometry;

import java.time.Instant;
import java.util.Map;

/** An item ready to be committed: its objects are already in the bucket. */
public record NewItem(String collectionId, String id, Geometry geometry, Instant datetime, Instant startDatetime,
                      Instant endDatetime, Map<String, Object> properties, Map<String, StoredAsset> assets,
                      String contentHash) {
}
