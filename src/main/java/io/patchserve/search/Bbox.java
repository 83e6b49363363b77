package io.patchserve.search;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A WGS84 bounding box [west, south, east, north] (6 numbers: with min and max height, which are ignored).
 * West greater than east is a box that crosses the antimeridian; equal edges make a line or a point.
 */
public record Bbox(double west, double south, double east, double north) {

    public boolean crossesAntimeridian() {
        return west > east;
    }

    public static Bbox parse(String text) {
        String[] parts = text.split(",", -1);
        List<Double> numbers = new ArrayList<>();
        for (String part : parts) {
            try {
                numbers.add(Double.parseDouble(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bbox '" + text + "' must be 4 or 6 comma-separated numbers");
            }
        }
        return of(numbers, text);
    }

    public static Bbox fromJson(JsonNode node) {
        if (!node.isArray()) {
            throw new IllegalArgumentException("bbox must be an array of 4 or 6 numbers");
        }
        List<Double> numbers = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isNumber()) {
                throw new IllegalArgumentException("bbox must be an array of 4 or 6 numbers, got " + node);
            }
            numbers.add(n.asDouble());
        }
        return of(numbers, node.toString());
    }

    private static Bbox of(List<Double> n, String text) {
        if (n.size() != 4 && n.size() != 6) {
            throw new IllegalArgumentException("bbox '" + text + "' must have 4 or 6 numbers, not " + n.size());
        }
        for (double d : n) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("bbox '" + text + "' must have finite numbers");
            }
        }
        int half = n.size() / 2;
        Bbox box = new Bbox(n.get(0), n.get(1), n.get(half), n.get(half + 1));
        if (n.size() == 6 && n.get(2) > n.get(5)) {
            throw new IllegalArgumentException("bbox '" + text + "': minimum height is above maximum height");
        }
        if (box.west < -180 || box.west > 180 || box.east < -180 || box.east > 180) {
            throw new IllegalArgumentException("bbox '" + text + "': longitudes must be within -180..180");
        }
        if (box.south < -90 || box.south > 90 || box.north < -90 || box.north > 90) {
            throw new IllegalArgumentException("bbox '" + text + "': latitudes must be within -90..90");
        }
        if (box.south > box.north) {
            throw new IllegalArgumentException("bbox '" + text + "': south is above north");
        }
        return box;
    }


}
