package io.patchserve.table;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.patchserve.catalog.ItemRow;
import io.patchserve.catalog.StoredAsset;
import io.patchserve.http.Links;
import io.patchserve.stac.GeoJson;
import org.locationtech.jts.io.WKBWriter;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One item as one flat JSON row, in stac-geoparquet's layout: STAC's top-level fields, the footprint as WKB (hex,
 * for DuckDB's {@code from_hex}), the bbox as a {xmin, ymin, xmax, ymax} struct, every property lifted to a column
 * of its own, the assets by key with absolute hrefs. The rows of an export go to a temporary newline-delimited
 * JSON file, which both table formats are made from; the names seen are kept for the CSV header.
 */
final class ItemRows {

    /** Columns of every row; a property of the same name stays nested (it would collide). */
    static final Set<String> FIXED = Set.of("type", "stac_version", "id", "collection", "geometry", "bbox", "datetime",
            "start_datetime", "end_datetime", "assets");

    private final Links links;
    private final ObjectMapper mapper;
    private final WKBWriter wkb = new WKBWriter(2, true);
    final Set<String> properties = new TreeSet<>();
    final Set<String> assetKeys = new TreeSet<>();
    long count;

    ItemRows(Links links, ObjectMapper mapper) {
        this.links = links;
        this.mapper = mapper;
    }

    /** Search rows carry PostGIS's GeoJSON as raw text (see JsonTrees); the WKB writer needs the geometry. */
    private JsonNode tree(JsonNode node) throws IOException {
        if (node instanceof POJONode pojo && pojo.getPojo() instanceof RawValue raw && raw.rawValue() instanceof String json) {
            return mapper.readTree(json);
        }
        return node;
    }

    void write(JsonGenerator g, ItemRow item) throws IOException {
        count++;
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeStringField("stac_version", "1.0.0");
        g.writeStringField("id", item.itemId());
        g.writeStringField("collection", item.collectionId());
        if (item.geometry() == null || item.geometry().isNull()) {
            g.writeNullField("geometry");
            g.writeNullField("bbox");
        } else {
            g.writeStringField("geometry", WKBWriter.toHex(wkb.write(GeoJson.read(tree(item.geometry())))));
            double[] b = item.bbox();
            g.writeObjectFieldStart("bbox");
            g.writeNumberField("xmin", b[0]);
            g.writeNumberField("ymin", b[1]);
            g.writeNumberField("xmax", b[2]);
            g.writeNumberField("ymax", b[3]);
            g.writeEndObject();
        }
        g.writeStringField("datetime", item.datetime() == null ? null : item.datetime().toString());
        g.writeStringField("start_datetime", item.startDatetime() == null ? null : item.startDatetime().toString());
        g.writeStringField("end_datetime", item.endDatetime() == null ? null : item.endDatetime().toString());
        for (Map.Entry<String, JsonNode> p : item.properties().properties()) {
            if (!FIXED.contains(p.getKey())) {
                properties.add(p.getKey());
                g.writeFieldName(p.getKey());
                g.writeTree(p.getValue());
            }
        }
        g.writeObjectFieldStart("assets");
        for (Map.Entry<String, StoredAsset> a : new java.util.TreeMap<>(item.assets()).entrySet()) {
            assetKeys.add(a.getKey());
            StoredAsset asset = a.getValue();
            g.writeObjectFieldStart(a.getKey());
            g.writeStringField("href", links.asset(item.collectionId(), item.itemId(), a.getKey()));
            g.writeStringField("type", asset.type());
            g.writeStringField("title", asset.title());
            g.writeArrayFieldStart("roles");
            for (String role : asset.roles() == null ? java.util.List.<String>of() : asset.roles()) {
                g.writeString(role);
            }
            g.writeEndArray();
            g.writeNumberField("file:size", asset.size());
            g.writeStringField("file:checksum", "1220" + asset.sha256());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }
}
