package io.patchserve.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/** Writes JTS geometries as GeoJSON (RFC 7946) trees. */
public final class GeoJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private GeoJson() {
    }

    public static ObjectNode geometry(Geometry geometry) {
        ObjectNode node = JSON.objectNode();
        node.put("type", geometry.getGeometryType());
        switch (geometry) {
            case Point p -> node.set("coordinates", position(p.getCoordinate()));
            case LineString l -> node.set("coordinates", positions(l.getCoordinates()));
            case Polygon p -> node.set("coordinates", rings(p));
            case MultiPoint mp -> node.set("coordinates", positions(mp.getCoordinates()));
            case MultiLineString ml -> {
                ArrayNode lines = node.putArray("coordinates");
                for (int i = 0; i < ml.getNumGeometries(); i++) {
                    lines.add(positions(ml.getGeometryN(i).getCoordinates()));
                }
            }
            case MultiPolygon mp -> {
                ArrayNode polygons = node.putArray("coordinates");
                for (int i = 0; i < mp.getNumGeometries(); i++) {
                    polygons.add(rings((Polygon) mp.getGeometryN(i)));
                }
            }
            case GeometryCollection gc -> {
                ArrayNode members = node.putArray("geometries");
                for (int i = 0; i < gc.getNumGeometries(); i++) {
                    members.add(geometry(gc.getGeometryN(i)));
                }
            }
            default -> throw new IllegalArgumentException("unsupported geometry " + geometry.getGeometryType());
        }
        return node;
    }

    /** [west, south, east, north] of the geometry. */
    public static ArrayNode bbox(Geometry geometry) {
        Envelope e = geometry.getEnvelopeInternal();
        return JSON.arrayNode().add(e.getMinX()).add(e.getMinY()).add(e.getMaxX()).add(e.getMaxY());
    }

    private static ArrayNode rings(Polygon polygon) {
        ArrayNode rings = JSON.arrayNode();
        rings.add(positions(polygon.getExteriorRing().getCoordinates()));
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
            rings.add(positions(polygon.getInteriorRingN(i).getCoordinates()));
        }
        return rings;
    }

    private static ArrayNode positions(Coordinate[] coordinates) {
        ArrayNode array = JSON.arrayNode();
        for (Coordinate c : coordinates) {
            array.add(position(c));
        }
        return array;
    }

    private static ArrayNode position(Coordinate c) {
        ArrayNode position = JSON.arrayNode().add(c.getX()).add(c.getY());
        if (!Double.isNaN(c.getZ())) {
            position.add(c.getZ());
        }
        return position;
    }
}
