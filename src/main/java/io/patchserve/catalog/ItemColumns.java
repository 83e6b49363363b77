package io.patchserve.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How an {@link ItemRow} is read from the item table (alias {@code i}), for every reader of items: single items
 * ({@link ItemStore}) and search pages. A column added to what items show is added here once.
 */
@ApplicationScoped
public class ItemColumns {

    /** What is read after collection and id: PostGIS writes the footprint as GeoJSON, passed on as it is. */
    public static final List<String> RENDERED = List.of("ST_AsGeoJSON(i.geometry, 9)", "i.datetime",
            "i.start_datetime", "i.end_datetime", "i.properties::text", "i.assets::text", "ST_XMin(i.geometry)",
            "ST_YMin(i.geometry)", "ST_XMax(i.geometry)", "ST_YMax(i.geometry)");
    /** The select list of {@link #read}: collection, id, then {@link #RENDERED}. */
    public static final String ROW = "i.collection_id, i.id, " + String.join(", ", RENDERED);
    /** How many columns {@link #ROW} is. */
    public static final int COUNT = 2 + RENDERED.size();

    private static final TypeReference<Map<String, StoredAsset>> ASSETS = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    private final ObjectReader assetsReader;

    public ItemColumns(ObjectMapper mapper) {
        this.mapper = mapper;
        this.assetsReader = mapper.readerFor(ASSETS); // resolved once, not for every row
    }

    /** The item in columns 1 to {@link #COUNT} of the current row, selected as {@link #ROW}. */
    public ItemRow read(ResultSet rs) throws SQLException {
        String itemId = rs.getString(2);
        try {
            String geometry = rs.getString(3);
            double[] bbox = geometry == null ? null
                    : new double[]{rs.getDouble(9), rs.getDouble(10), rs.getDouble(11), rs.getDouble(12)};
            return new ItemRow(rs.getString(1), itemId,
                    geometry == null ? null : JsonNodeFactory.instance.rawValueNode(new RawValue(geometry)), bbox,
                    instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)),
                    (ObjectNode) mapper.readTree(rs.getString(7)), assetsReader.readValue(rs.getString(8)));
        } catch (IOException e) {
            throw new IllegalStateException("the stored JSON of item " + itemId + " cannot be read", e);
        }
    }

    /** An item's assets as stored (a JSON object of {@link StoredAsset}s). */
    public Map<String, StoredAsset> assets(String json) throws IOException {
        return assetsReader.readValue(json);
    }

    public static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
