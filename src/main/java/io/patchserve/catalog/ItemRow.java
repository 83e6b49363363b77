package io.patchserve.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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

    public static ItemRow of(ItemEntity item, ObjectMapper mapper) {
        double[] bbox = null;
        JsonNode geometry = null;
        if (item.geometry != null) {
            var e = item.geometry.getEnvelopeInternal();
            bbox = new double[]{e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()};
            geometry = GeoJson.geometry(item.geometry);
        }
        return new ItemRow(item.collectionId, item.itemId, geometry, bbox, item.datetime, item.startDatetime,
                item.endDatetime, mapper.valueToTree(item.properties), item.assets);
    }
}
