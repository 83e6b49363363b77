package io.patchserve.search.cql2;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchserve.stac.GeoJson;
import io.patchserve.stac.Rfc3339;
import org.locationtech.jts.geom.Envelope;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Parses CQL2 JSON (OGC 21-065) into the same tree as {@link Cql2TextParser}. */
public final class Cql2JsonParser {

    private static final Set<String> COMPARISONS = Set.of("=", "<>", "<", "<=", ">", ">=");
    private static final Set<String> GEOMETRY_TYPES = Set.of("Point", "MultiPoint", "LineString", "MultiLineString",
            "Polygon", "MultiPolygon", "GeometryCollection");
    private static final int MAX_DEPTH = 100;

    private Cql2JsonParser() {
    }

    public static Expr parse(JsonNode node) {
        return predicate(node, 0);
    }

    private static Expr predicate(JsonNode node, int depth) {
        if (depth > MAX_DEPTH) {
            throw error("filter nested too deeply");
        }
        if (node.isBoolean()) {
            return new Expr.Bool(node.booleanValue());
        }
        if (!node.isObject() || !node.has("op")) {
            throw error("expected an object with \"op\" and \"args\", got " + abbreviate(node));
        }
        String op = node.get("op").asText().toLowerCase(Locale.ROOT);
        JsonNode argsNode = node.get("args");
        if (argsNode == null || !argsNode.isArray()) {
            throw error("operation '" + op + "' needs an \"args\" array");
        }
        List<JsonNode> args = new ArrayList<>();
        argsNode.forEach(args::add);
        switch (op) {
            case "and", "or" -> {
                if (args.isEmpty()) {
                    throw error("'" + op + "' needs at least 1 argument");
                }
                if (args.size() == 1) {
                    // STAC Browser wraps even a single condition in and/or: it means that condition
                    return predicate(args.getFirst(), depth + 1);
                }
                List<Expr> parts = args.stream().map(a -> predicate(a, depth + 1)).toList();
                return op.equals("and") ? new Expr.And(parts) : new Expr.Or(parts);
            }
            case "not" -> {
                arity(op, args, 1);
                return new Expr.Not(predicate(args.getFirst(), depth + 1));
            }
            case "like" -> {
                arity(op, args, 2);
                return new Expr.Like(value(args.get(0)), value(args.get(1)));
            }
            case "between" -> {
                arity(op, args, 3);
                return new Expr.Between(value(args.get(0)), value(args.get(1)), value(args.get(2)));
            }
            case "in" -> {
                arity(op, args, 2);
                if (!args.get(1).isArray()) {
                    throw error("the second argument of 'in' must be an array");
                }
                List<Expr> list = new ArrayList<>();
                args.get(1).forEach(item -> list.add(value(item)));
                return new Expr.In(value(args.get(0)), list);
            }
            case "isnull" -> {
                arity(op, args, 1);
                return new Expr.IsNull(value(args.getFirst()));
            }
            case "casei", "accenti" -> throw error("'" + op + "' is not supported");
            default -> {
                if (COMPARISONS.contains(op)) {
                    arity(op, args, 2);
                    return new Expr.Compare(op, value(args.get(0)), value(args.get(1)));
                }
                if (Expr.SPATIAL.contains(op)) {
                    arity(op, args, 2);
                    return new Expr.Spatial(op, value(args.get(0)), value(args.get(1)));
                }
                if (Expr.TEMPORAL.contains(op)) {
                    arity(op, args, 2);
                    return new Expr.Temporal(op, value(args.get(0)), value(args.get(1)));
                }
                if (Expr.ARRAY.contains(op)) {
                    arity(op, args, 2);
                    return new Expr.ArrayOp(op, value(args.get(0)), value(args.get(1)));
                }
                throw error("unknown operation '" + op + "'");
            }
        }
    }

    private static Expr value(JsonNode node) {
        if (node.isTextual()) {
            return new Expr.Text(node.textValue());
        }
        if (node.isNumber()) {
            return new Expr.Number(node.decimalValue());
        }
        if (node.isBoolean()) {
            return new Expr.Bool(node.booleanValue());
        }
        if (node.isArray()) {
            List<Expr> items = new ArrayList<>();
            node.forEach(item -> items.add(value(item)));
            return new Expr.ArrayLiteral(items);
        }
        if (!node.isObject()) {
            throw error("unexpected value " + abbreviate(node));
        }
        if (node.has("property")) {
            return new Expr.Property(node.get("property").asText());
        }
        try {
            if (node.has("timestamp")) {
                return new Expr.Timestamp(Rfc3339.parse(node.get("timestamp").asText()));
            }
            if (node.has("date")) {
                return new Expr.Date(Rfc3339.parseDate(node.get("date").asText()));
            }
            if (node.has("interval")) {
                JsonNode ends = node.get("interval");
                if (!ends.isArray() || ends.size() != 2) {
                    throw error("an interval is an array of 2 ends");
                }
                return new Expr.Interval(intervalEnd(ends.get(0)), intervalEnd(ends.get(1)));
            }
            if (node.has("bbox")) {
                JsonNode b = node.get("bbox");
                if (!b.isArray() || (b.size() != 4 && b.size() != 6)) {
                    throw error("a bbox is an array of 4 or 6 numbers");
                }
                int half = b.size() / 2;
                return new Expr.GeometryLiteral(GeoJson.WGS84.toGeometry(new Envelope(
                        b.get(0).asDouble(), b.get(half).asDouble(), b.get(1).asDouble(), b.get(half + 1).asDouble())));
            }
            if (GEOMETRY_TYPES.contains(node.path("type").asText())) {
                return new Expr.GeometryLiteral(GeoJson.read(node));
            }
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
        if (node.has("op")) {
            return predicate(node, 1);
        }
        throw error("unexpected value " + abbreviate(node));
    }

    private static Expr intervalEnd(JsonNode end) {
        if (end.isTextual()) {
            String text = end.textValue();
            if (text.equals("..")) {
                return null;
            }
            return text.length() == 10 ? new Expr.Date(Rfc3339.parseDate(text)) : new Expr.Timestamp(Rfc3339.parse(text));
        }
        Expr value = value(end);
        if (value instanceof Expr.Timestamp || value instanceof Expr.Date) {
            return value;
        }
        throw error("interval ends must be date-times, dates or \"..\"");
    }

    private static void arity(String op, List<JsonNode> args, int n) {
        if (args.size() != n) {
            throw error("'" + op + "' takes " + n + " argument" + (n > 1 ? "s" : "") + ", not " + args.size());
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    private static Cql2Exception error(String message) {
        return new Cql2Exception("cql2-json: " + message);
    }
}
