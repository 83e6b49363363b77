package io.patchserve.search.cql2;

import io.patchserve.stac.GeoJson;
import io.patchserve.stac.Rfc3339;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recursive-descent parser for CQL2 text (OGC 21-065): boolean logic, comparisons, LIKE, BETWEEN, IN,
 * IS NULL, spatial (S_*), temporal (T_*) and array (A_*) functions, with WKT, BBOX, TIMESTAMP, DATE and
 * INTERVAL literals. Keywords are case-insensitive; errors name the position.
 */
public final class Cql2TextParser {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Set<String> WKT_TYPES = Set.of("POINT", "LINESTRING", "POLYGON", "MULTIPOINT",
            "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION");
    private static final Set<String> RESERVED = Set.of("AND", "OR", "NOT", "LIKE", "BETWEEN", "IN", "IS", "NULL");
    private static final int MAX_DEPTH = 100;

    private final String src;
    private int pos;
    private int depth;

    private Cql2TextParser(String src) {
        this.src = src;
    }

    public static Expr parse(String text) {
        Cql2TextParser parser = new Cql2TextParser(text);
        Expr expr = parser.orExpr();
        parser.skipWs();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected '" + parser.rest(12) + "'");
        }
        return expr;
    }

    // --- boolean structure ---

    private Expr orExpr() {
        if (++depth > MAX_DEPTH) {
            throw error("filter nested too deeply");
        }
        List<Expr> args = new ArrayList<>();
        args.add(andExpr());
        while (keyword("OR")) {
            args.add(andExpr());
        }
        depth--;
        return args.size() == 1 ? args.getFirst() : new Expr.Or(args);
    }

    private Expr andExpr() {
        List<Expr> args = new ArrayList<>();
        args.add(notExpr());
        while (keyword("AND")) {
            args.add(notExpr());
        }
        return args.size() == 1 ? args.getFirst() : new Expr.And(args);
    }

    private Expr notExpr() {
        int negations = 0;
        while (keyword("NOT")) {
            // counted, not recursed: each NOT is a level of nesting like a parenthesis
            if (depth + ++negations > MAX_DEPTH) {
                throw error("filter nested too deeply");
            }
        }
        depth += negations;
        Expr expr = primary();
        depth -= negations;
        for (int i = 0; i < negations; i++) {
            expr = new Expr.Not(expr);
        }
        return expr;
    }

    private Expr primary() {
        skipWs();
        if (peek('(')) {
            int start = pos;
            pos++;
            Expr inner = orExpr();
            skipWs();
            if (!peek(')')) {
                pos = start;
                throw error("missing ')'");
            }
            pos++;
            return inner;
        }
        int start = pos;
        String word = identifierAhead();
        if (word != null) {
            String upper = word.toUpperCase(Locale.ROOT);
            String lower = word.toLowerCase(Locale.ROOT);
            int after = pos + word.length();
            if (nextNonWs(after) == '(' && (upper.startsWith("S_") || upper.startsWith("T_") || upper.startsWith("A_")
                    || upper.equals("CASEI") || upper.equals("ACCENTI"))) {
                pos = after;
                return function(lower, start);
            }
            if ((upper.equals("TRUE") || upper.equals("FALSE")) && !comparisonFollows(after)) {
                pos = after;
                return new Expr.Bool(upper.equals("TRUE"));
            }
        }
        Expr left = scalar();
        skipWs();
        String op = comparisonOperator();
        if (op != null) {
            return new Expr.Compare(op, left, scalar());
        }
        boolean negated = keyword("NOT");
        if (keyword("LIKE")) {
            Expr like = new Expr.Like(left, scalar());
            return negated ? new Expr.Not(like) : like;
        }
        if (keyword("BETWEEN")) {
            Expr low = scalar();
            if (!keyword("AND")) {
                throw error("expected AND in BETWEEN");
            }
            Expr between = new Expr.Between(left, low, scalar());
            return negated ? new Expr.Not(between) : between;
        }
        if (keyword("IN")) {
            Expr in = new Expr.In(left, list());
            return negated ? new Expr.Not(in) : in;
        }
        if (negated) {
            throw error("expected LIKE, BETWEEN or IN after NOT");
        }
        if (keyword("IS")) {
            boolean not = keyword("NOT");
            if (!keyword("NULL")) {
                throw error("expected NULL after IS");
            }
            Expr isNull = new Expr.IsNull(left);
            return not ? new Expr.Not(isNull) : isNull;
        }
        throw error(pos >= src.length() ? "the filter ends where an operator was expected"
                : "expected a comparison operator, LIKE, BETWEEN, IN or IS NULL at '" + rest(12) + "'");
    }

    private Expr function(String name, int start) {
        if (name.equals("casei") || name.equals("accenti")) {
            pos = start;
            throw error(name.toUpperCase(Locale.ROOT) + " is not supported");
        }
        List<Expr> args = list();
        if (args.size() != 2) {
            pos = start;
            throw error(name.toUpperCase(Locale.ROOT) + " takes 2 arguments, not " + args.size());
        }
        if (Expr.SPATIAL.contains(name)) {
            return new Expr.Spatial(name, args.get(0), args.get(1));
        }
        if (Expr.TEMPORAL.contains(name)) {
            return new Expr.Temporal(name, args.get(0), args.get(1));
        }
        if (Expr.ARRAY.contains(name)) {
            return new Expr.ArrayOp(name, args.get(0), args.get(1));
        }
        pos = start;
        throw error("unknown function " + name.toUpperCase(Locale.ROOT));
    }

    // --- values ---

    private Expr scalar() {
        skipWs();
        if (pos >= src.length()) {
            throw error("the filter ends where a value was expected");
        }
        char c = src.charAt(pos);
        if (c == '\'') {
            return new Expr.Text(string());
        }
        if (c == '"') {
            return new Expr.Property(quotedIdentifier());
        }
        if (c == '(') {
            return new Expr.ArrayLiteral(list());
        }
        Matcher number = NUMBER.matcher(src).region(pos, src.length());
        if ((Character.isDigit(c) || c == '-' || c == '+' || c == '.') && number.lookingAt()) {
            pos = number.end();
            return new Expr.Number(new BigDecimal(number.group()));
        }
        int start = pos;
        String word = identifierAhead();
        if (word == null) {
            throw error("expected a value at '" + rest(12) + "'");
        }
        String upper = word.toUpperCase(Locale.ROOT);
        pos += word.length();
        boolean call = nextNonWs(pos) == '(';
        if (upper.equals("TRUE") || upper.equals("FALSE")) {
            return new Expr.Bool(upper.equals("TRUE"));
        }
        if (call && upper.equals("TIMESTAMP")) {
            return new Expr.Timestamp(parseWith(() -> Rfc3339.parse(singleStringArgument()), start));
        }
        if (call && upper.equals("DATE")) {
            return new Expr.Date(parseWith(() -> Rfc3339.parseDate(singleStringArgument()), start));
        }
        if (call && upper.equals("INTERVAL")) {
            return interval(start);
        }
        if (call && upper.equals("BBOX")) {
            return bbox(start);
        }
        if (WKT_TYPES.contains(upper)) {
            return wkt(start);
        }
        if (call) {
            pos = start;
            throw error("unknown function " + upper);
        }
        if (RESERVED.contains(upper)) {
            pos = start;
            throw error("expected a value, found keyword " + upper);
        }
        return new Expr.Property(word);
    }

    private Expr interval(int start) {
        List<Expr> ends = list();
        if (ends.size() != 2) {
            pos = start;
            throw error("INTERVAL takes 2 arguments");
        }
        return new Expr.Interval(intervalEnd(ends.get(0), start), intervalEnd(ends.get(1), start));
    }

    private Expr intervalEnd(Expr end, int start) {
        return switch (end) {
            case Expr.Timestamp t -> t;
            case Expr.Date d -> d;
            case Expr.Text t when t.value().equals("..") -> null;
            case Expr.Text t -> parseWith(() -> t.value().length() == 10
                    ? new Expr.Date(Rfc3339.parseDate(t.value())) : new Expr.Timestamp(Rfc3339.parse(t.value())), start);
            default -> {
                pos = start;
                throw error("INTERVAL ends must be date-time or date strings, or '..'");
            }
        };
    }

    private Expr bbox(int start) {
        List<Expr> numbers = list();
        double[] n = new double[numbers.size()];
        for (int i = 0; i < n.length; i++) {
            if (!(numbers.get(i) instanceof Expr.Number number)) {
                pos = start;
                throw error("BBOX takes numbers");
            }
            n[i] = number.value().doubleValue();
        }
        if (n.length != 4 && n.length != 6) {
            pos = start;
            throw error("BBOX takes 4 or 6 numbers");
        }
        int half = n.length / 2;
        Envelope e = new Envelope(n[0], n[half], n[1], n[half + 1]);
        return new Expr.GeometryLiteral(GeoJson.WGS84.toGeometry(e));
    }

    private Expr wkt(int start) {
        int open = src.indexOf('(', pos);
        int end;
        String upperRest = src.substring(pos).stripLeading().toUpperCase(Locale.ROOT);
        if (upperRest.startsWith("EMPTY")) {
            end = src.toUpperCase(Locale.ROOT).indexOf("EMPTY", pos) + 5;
        } else {
            if (open < 0) {
                pos = start;
                throw error("incomplete WKT geometry");
            }
            int level = 0;
            end = -1;
            for (int i = open; i < src.length(); i++) {
                char ch = src.charAt(i);
                if (ch == '(') {
                    level++;
                } else if (ch == ')' && --level == 0) {
                    end = i + 1;
                    break;
                }
            }
            if (end < 0) {
                pos = start;
                throw error("unbalanced parentheses in WKT geometry");
            }
        }
        try {
            Geometry g = new WKTReader(GeoJson.WGS84).read(src.substring(start, end));
            pos = end;
            return new Expr.GeometryLiteral(g);
        } catch (ParseException | IllegalArgumentException e) {
            pos = start;
            throw error("invalid WKT geometry: " + e.getMessage());
        }
    }

    private String singleStringArgument() {
        List<Expr> args = list();
        if (args.size() != 1 || !(args.getFirst() instanceof Expr.Text text)) {
            throw new IllegalArgumentException("expects one quoted string");
        }
        return text.value();
    }

    private <T> T parseWith(java.util.function.Supplier<T> parse, int start) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            pos = start;
            throw error(e.getMessage());
        }
    }

    /** '(' [value {',' value}] ')' */
    private List<Expr> list() {
        skipWs();
        if (!peek('(')) {
            throw error("expected '('");
        }
        pos++;
        List<Expr> items = new ArrayList<>();
        skipWs();
        if (peek(')')) {
            pos++;
            return items;
        }
        while (true) {
            items.add(scalar());
            skipWs();
            if (peek(',')) {
                pos++;
            } else if (peek(')')) {
                pos++;
                return items;
            } else {
                throw error("expected ',' or ')'");
            }
        }
    }

    // --- lexical ---

    private String string() {
        StringBuilder out = new StringBuilder();
        int start = pos++;
        while (pos < src.length()) {
            char c = src.charAt(pos++);
            if (c == '\'') {
                if (peek('\'')) {
                    out.append('\'');
                    pos++;
                } else {
                    return out.toString();
                }
            } else {
                out.append(c);
            }
        }
        pos = start;
        throw error("unterminated string");
    }

    private String quotedIdentifier() {
        int start = pos++;
        int end = src.indexOf('"', pos);
        if (end < 0) {
            pos = start;
            throw error("unterminated quoted property name");
        }
        String name = src.substring(pos, end);
        pos = end + 1;
        return name;
    }

    private String identifierAhead() {
        if (pos >= src.length()) {
            return null;
        }
        char first = src.charAt(pos);
        if (!Character.isLetter(first) && first != '_') {
            return null;
        }
        int end = pos + 1;
        while (end < src.length()) {
            char c = src.charAt(end);
            if (Character.isLetterOrDigit(c) || c == '_' || c == ':' || c == '.' || c == '-') {
                end++;
            } else {
                break;
            }
        }
        return src.substring(pos, end);
    }

    private boolean keyword(String word) {
        skipWs();
        int end = pos + word.length();
        if (end <= src.length() && src.regionMatches(true, pos, word, 0, word.length())
                && (end == src.length() || !isIdentifierChar(src.charAt(end)))) {
            pos = end;
            return true;
        }
        return false;
    }

    private String comparisonOperator() {
        for (String op : new String[]{"<>", "<=", ">=", "=", "<", ">"}) {
            if (src.startsWith(op, pos)) {
                pos += op.length();
                return op;
            }
        }
        return null;
    }

    private boolean comparisonFollows(int from) {
        char c = nextNonWs(from);
        return c == '=' || c == '<' || c == '>';
    }

    private char nextNonWs(int from) {
        int i = from;
        while (i < src.length() && Character.isWhitespace(src.charAt(i))) {
            i++;
        }
        return i < src.length() ? src.charAt(i) : '\0';
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':';
    }

    private boolean peek(char c) {
        return pos < src.length() && src.charAt(pos) == c;
    }

    private void skipWs() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private String rest(int max) {
        String rest = src.substring(Math.min(pos, src.length()));
        return rest.length() > max ? rest.substring(0, max) + "..." : rest;
    }

    private Cql2Exception error(String message) {
        return new Cql2Exception("cql2-text: " + message + " (at position " + (pos + 1) + ")");
    }
}
