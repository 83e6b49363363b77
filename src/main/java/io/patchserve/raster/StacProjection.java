package io.patchserve.raster;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where an item's pixels lie, as the STAC projection extension records it in the item's properties: the CRS as
 * {@code proj:epsg} (or {@code proj:wkt2} when it has no EPSG code), and the finest grid as {@code proj:shape}
 * (rows, columns) and {@code proj:transform}. Formats write it with {@link #write}; crops read it with
 * {@link #read}; no other code spells these keys.
 *
 * @param crs       the item's CRS, or null when the item names none
 * @param transform the finest grid's affine transform, in proj:transform order
 */
public record StacProjection(Projection crs, double[] transform) {

    public static final String EPSG = "proj:epsg";
    public static final String WKT2 = "proj:wkt2";
    public static final String SHAPE = "proj:shape";
    public static final String TRANSFORM = "proj:transform";

    /** Records that the item's finest grid is {@code grid}, in {@code crs}. */
    public static void write(Map<String, Object> properties, Projection crs, GridGeometry grid) {
        if (crs.epsg() != null) {
            properties.put(EPSG, crs.epsg());
        } else {
            properties.put(WKT2, crs.wkt());
        }
        properties.put(SHAPE, List.of(grid.height(), grid.width()));
        properties.put(TRANSFORM, grid.stacTransform());
    }

    /** The projection fields of an item's properties; empty when it has no transform (no georeference). */
    public static Optional<StacProjection> read(JsonNode properties) {
        JsonNode terms = properties.path(TRANSFORM);
        if (!terms.isArray() || terms.size() < 6) {
            return Optional.empty();
        }
        double[] transform = new double[6];
        for (int i = 0; i < 6; i++) {
            transform[i] = terms.get(i).asDouble();
        }
        Projection crs = null;
        if (properties.path(EPSG).isNumber()) {
            crs = Projection.forEpsg(properties.get(EPSG).intValue());
        } else if (properties.path(WKT2).isTextual()) {
            crs = Projection.fromWkt(properties.get(WKT2).textValue());
        }
        return Optional.of(new StacProjection(crs, transform));
    }

    /** The grid of this transform with the given size (a band's own, or the finest). */
    public GridGeometry grid(int width, int height) {
        return GridGeometry.fromStacTransform(width, height, transform);
    }
}
