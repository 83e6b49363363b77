package io.patchserve.stac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/** Reads and writes GeoJSON (RFC 7946) geometries as JTS geometries in WGS84 (SRID 4326). */
public final class GeoJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    public static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);
    private static final int MAX_DEPTH = 8;

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

    /**
     * Reads a GeoJSON geometry object, checking its structure: known type, positions of 2 or 3 finite numbers,
     * enough positions per line, closed rings. Throws {@link IllegalArgumentException} saying what is wrong.
     */
    public static Geometry read(JsonNode node) {
        return read(node, 0);
    }

    private static Geometry read(JsonNode node, int depth) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a GeoJSON geometry must be an object");
        }
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("GeometryCollections nested too deeply");
        }
        String type = node.path("type").asText("");
        if (type.equals("GeometryCollection")) {
            JsonNode members = node.get("geometries");
            if (members == null || !members.isArray()) {
                throw new IllegalArgumentException("a GeometryCollection needs a 'geometries' array");
            }
            Geometry[] parts = new Geometry[members.size()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = read(members.get(i), depth + 1);
            }
            return WGS84.createGeometryCollection(parts);
        }
        JsonNode c = node.get("coordinates");
        if (c == null || !c.isArray()) {
            throw new IllegalArgumentException("a GeoJSON " + (type.isEmpty() ? "geometry" : type) + " needs a 'coordinates' array");
        }
        return switch (type) {
            case "Point" -> WGS84.createPoint(position(c));
            case "MultiPoint" -> WGS84.createMultiPointFromCoords(positions(c, 1, "MultiPoint"));
            case "LineString" -> WGS84.createLineString(positions(c, 2, "LineString"));
            case "MultiLineString" -> {
                LineString[] lines = new LineString[c.size()];
                for (int i = 0; i < lines.length; i++) {
                    lines[i] = WGS84.createLineString(positions(c.get(i), 2, "LineString"));
                }
                yield WGS84.createMultiLineString(lines);
            }
            case "Polygon" -> polygon(c);
            case "MultiPolygon" -> {
                Polygon[] polygons = new Polygon[c.size()];
                for (int i = 0; i < polygons.length; i++) {
                    polygons[i] = polygon(c.get(i));
                }
                yield WGS84.createMultiPolygon(polygons);
            }
            default -> throw new IllegalArgumentException("'" + type + "' is not a GeoJSON geometry type");
        };
    }

    private static Polygon polygon(JsonNode rings) {
        if (!rings.isArray() || rings.isEmpty()) {
            throw new IllegalArgumentException("a Polygon needs at least one linear ring");
        }
        LinearRing shell = ring(rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i));
        }
        return WGS84.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonNode node) {
        Coordinate[] ring = positions(node, 4, "linear ring");
        if (!ring[0].equals2D(ring[ring.length - 1])) {
            throw new IllegalArgumentException("a linear ring must end at its first position");
        }
        return WGS84.createLinearRing(ring);
    }

    private static Coordinate[] positions(JsonNode node, int minimum, String what) {
        if (!node.isArray() || node.size() < minimum) {
            throw new IllegalArgumentException("a " + what + " needs at least " + minimum + " position" + (minimum > 1 ? "s" : ""));
        }
        Coordinate[] positions = new Coordinate[node.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = position(node.get(i));
        }
        return positions;
    }

    private static Coordinate position(JsonNode node) {
        if (!node.isArray() || node.size() < 2 || node.size() > 3) {
            throw new IllegalArgumentException("a position is an array of 2 or 3 numbers, got " + node);
        }
        for (JsonNode n : node) {
            if (!n.isNumber() || !Double.isFinite(n.asDouble())) {
                throw new IllegalArgumentException("a position is an array of 2 or 3 numbers, got " + node);
            }
        }
        double lon = node.get(0).asDouble();
        double lat = node.get(1).asDouble();
        if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
            throw new IllegalArgumentException("position " + node + " is outside longitude -180..180, latitude -90..90");
        }
        return node.size() == 3 ? new Coordinate(lon, lat, node.get(2).asDouble()) : new Coordinate(lon, lat);
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
