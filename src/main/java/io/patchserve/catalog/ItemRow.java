package io.patchserve.catalog;

import io.patchserve.stac.GeoJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.locationtech.jts.geom.Geometry;

import java.time.Instant;
import java.util.Map;

/**
 * An item as it is rendered: the footprint already as GeoJSON (PostGIS writes it for search pages, so no
 * geometry is decoded and re-encoded per item), its bbox, and the properties as a JSON tree.
 *
 * @param geometry GeoJSON geometry, or null for items without georeference
 * @param bbox     [west, south, east, north], or null with the geometry
 */
public record ItemRow(String collectionId, String itemId, JsonNode geometry, double[] bbox, Instant datetime,
                      Instant startDatetime, Instant endDatetime, ObjectNode properties, Map<String, StoredAsset> assets) {

    /** The item about to be written, as it will read back. */
    public static ItemRow of(NewItem item, ObjectMapper mapper) {
        return of(item.collectionId(), item.id(), item.geometry(), item.datetime(), item.startDatetime(),
                item.endDatetime(), mapper.valueToTree(item.properties()), item.assets());
    }

    private static ItemRow of(String collectionId, String itemId, Geometry footprint, Instant datetime,
                              Instant startDatetime, Instant endDatetime, ObjectNode properties,
                              Map<String, StoredAsset> assets) {
        double[] bbox = null;
        JsonNode geometry = null;
        if (footprint != null) {
            var e = footprint.getEnvelopeInternal();
            bbox = new double[]{e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()};
            geometry = GeoJson.geometry(footprint);
        }
        return new ItemRow(collectionId, itemId, geometry, bbox, datetime, startDatetime, endDatetime, properties, assets);
    }
}
