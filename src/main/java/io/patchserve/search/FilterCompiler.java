package io.patchserve.search;

import io.patchserve.catalog.ItemFields;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchserve.search.Queryable.Type;
import io.patchserve.search.cql2.Cql2Exception;
import io.patchserve.search.cql2.Expr;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Compiles a CQL2 tree to a SQL condition on the item table (alias {@code i}). Names resolve through the
 * queryables; every literal is a bind parameter. Equality, IN and array containment on properties become
 * JSONB containment ({@code @>}), which the GIN index on properties answers.
 */
public final class FilterCompiler {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Properties also kept in a column of their own (a generated copy of a string value, else null;
     * V9__split_column_strings_only.sql) that leads an ordering index with the collection: equality and IN with
     * strings test the column instead of the JSONB, so that the index walks only the matching rows and the planner
     * estimates them from the column's own statistics.
     */
    private static final Map<String, String> COLUMN_COPIES = Map.of(ItemFields.SPLIT, "i.split");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, Queryable> queryables;
    private final int maxListValues;

    public FilterCompiler(Map<String, Queryable> queryables, int maxListValues) {
        this.queryables = queryables;
        this.maxListValues = maxListValues;
    }

    private void requireShort(List<Expr> list, String what) {
        if (list.size() > maxListValues) {
            throw new Cql2Exception(what + " has " + list.size() + " values, more than the " + maxListValues
                    + " a list may hold here (patchserve.search.max-list-values)");
        }
    }

    public SqlBuilder compile(Expr expr) {
        SqlBuilder out = new SqlBuilder();
        predicate(expr, out);
        return out;
    }

    private void predicate(Expr expr, SqlBuilder out) {
        switch (expr) {
            case Expr.And and -> junction(and.args(), " AND ", out);
            case Expr.Or or -> junction(or.args(), " OR ", out);
            case Expr.Not not -> {
                out.sql("NOT (");
                predicate(not.arg(), out);
                out.sql(")");
            }
            case Expr.Bool b -> out.sql(b.value() ? "TRUE" : "FALSE");
            case Expr.Compare c -> compare(c, out);
            case Expr.Like like -> {
                Typed value = value(like.value());
                Typed pattern = value(like.pattern());
                require(value, Type.STRING, "LIKE");
                require(pattern, Type.STRING, "LIKE");
                if (like.pattern() instanceof Expr.Text text && endsInEscape(text.value())) {
                    throw new Cql2Exception("LIKE pattern '" + text.value() + "' ends with the escape character '\\'");
                }
                out.append(value.sql).sql(" LIKE ").append(pattern.sql);
            }
            case Expr.Between between -> {
                Typed value = value(between.value());
                Typed low = value(between.low());
                Typed high = value(between.high());
                if (value.type != Type.NUMBER && value.type != Type.TIMESTAMP) {
                    throw new Cql2Exception("BETWEEN needs numbers or timestamps, got " + describe(value));
                }
                comparable(value, low, "BETWEEN");
                comparable(value, high, "BETWEEN");
                out.sql("(").append(value.sql).sql(" BETWEEN ").append(low.sql).sql(" AND ").append(high.sql).sql(")");
            }
            case Expr.In in -> in(in, out);
            case Expr.IsNull isNull -> {
                if (isNull.value() instanceof Expr.Property p && !queryable(p).isCore()) {
                    Queryable q = queryable(p);
                    out.sql("(" + q.jsonb() + " IS NULL OR jsonb_typeof(" + q.jsonb() + ") = 'null')");
                } else {
                    out.append(value(isNull.value()).sql).sql(" IS NULL");
                }
            }
            case Expr.Spatial s -> spatial(s, out);
            case Expr.Temporal t -> temporal(t, out);
            case Expr.ArrayOp a -> array(a, out);
            default -> throw new Cql2Exception("expected a predicate, got " + describe(expr));
        }
    }

    private void junction(List<Expr> args, String operator, SqlBuilder out) {
        out.sql("(");
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                out.sql(operator);
            }
            predicate(args.get(i), out);
        }
        out.sql(")");
    }

    // --- comparisons ---

    private void compare(Expr.Compare c, SqlBuilder out) {
        Expr left = c.left();
        Expr right = c.right();
        if (isLiteral(left) && right instanceof Expr.Property) {
            compare(new Expr.Compare(flip(c.op()), right, left), out);
            return;
        }
        if (left instanceof Expr.Property p && isScalarLiteral(right) && !queryable(p).isCore()
                && queryable(p).type() != Type.TIMESTAMP && (c.op().equals("=") || c.op().equals("<>"))) {
            Queryable q = queryable(p);
            comparable(typedProperty(q), value(right), c.op());
            if (c.op().equals("=")) {
                String column = COLUMN_COPIES.get(q.name());
                if (column != null && right instanceof Expr.Text text) {
                    // never null, so that NOT of it holds for items whose split is missing or not a string
                    out.sql("(" + column + " IS NOT NULL AND " + column + " = ").param(text.value()).sql(")");
                } else {
                    out.sql("i.properties @> ").param(containment(q.name(), literalJson(right)));
                }
            } else {
                out.sql("(" + q.jsonb() + " IS NOT NULL AND NOT i.properties @> ").param(containment(q.name(), literalJson(right))).sql(")");
            }
            return;
        }
        Typed a = value(left);
        Typed b = value(right);
        comparable(a, b, c.op());
        if (a.type == Type.GEOMETRY || a.type == Type.ARRAY) {
            throw new Cql2Exception("'" + c.op() + "' does not compare " + a.type.name().toLowerCase() + " values; use the S_ or A_ functions");
        }
        out.sql("(").append(a.sql).sql(" " + c.op() + " ").append(b.sql).sql(")");
    }

    private void in(Expr.In in, SqlBuilder out) {
        requireShort(in.list(), "an IN list");
        if (in.list().isEmpty()) {
            out.sql("FALSE");
            return;
        }
        if (in.value() instanceof Expr.Property p && !queryable(p).isCore() && queryable(p).type() != Type.TIMESTAMP
                && in.list().stream().allMatch(FilterCompiler::isScalarLiteral)) {
            Queryable q = queryable(p);
            in.list().forEach(e -> comparable(typedProperty(q), value(e), "IN"));
            String column = COLUMN_COPIES.get(q.name());
            if (column != null && in.list().stream().allMatch(Expr.Text.class::isInstance)) {
                out.sql("(" + column + " IS NOT NULL AND " + column + " = ANY(").param(new SqlBuilder.TextArray(
                        in.list().stream().map(e -> ((Expr.Text) e).value()).toList())).sql("))");
                return;
            }
            out.sql("(");
            for (int i = 0; i < in.list().size(); i++) {
                out.sql(i > 0 ? " OR i.properties @> " : "i.properties @> ").param(containment(q.name(), literalJson(in.list().get(i))));
            }
            out.sql(")");
            return;
        }
        Typed value = value(in.value());
        out.sql("(").append(value.sql).sql(" IN (");
        for (int i = 0; i < in.list().size(); i++) {
            Typed item = value(in.list().get(i));
            comparable(value, item, "IN");
            if (i > 0) {
                out.sql(", ");
            }
            out.append(item.sql);
        }
        out.sql("))");
    }

    // --- spatial, temporal, array ---

    private void spatial(Expr.Spatial s, SqlBuilder out) {
        Typed a = value(s.left());
        Typed b = value(s.right());
        require(a, Type.GEOMETRY, s.op().toUpperCase());
        require(b, Type.GEOMETRY, s.op().toUpperCase());
        String function = switch (s.op()) {
            case "s_intersects", "s_disjoint" -> "ST_Intersects";
            case "s_equals" -> "ST_Equals";
            case "s_touches" -> "ST_Touches";
            case "s_within" -> "ST_Within";
            case "s_overlaps" -> "ST_Overlaps";
            case "s_crosses" -> "ST_Crosses";
            case "s_contains" -> "ST_Contains";
            default -> throw new Cql2Exception("unknown spatial function " + s.op());
        };
        out.sql(s.op().equals("s_disjoint") ? "NOT " : "").sql(function + "(").append(a.sql).sql(", ").append(b.sql).sql(")");
    }

    private void temporal(Expr.Temporal t, SqlBuilder out) {
        Span a = span(t.left());
        Span b = span(t.right());
        String relation = switch (t.op()) {
            case "t_after" -> "%1$s > %4$s";
            case "t_before" -> "%2$s < %3$s";
            case "t_intersects" -> "%1$s <= %4$s AND %2$s >= %3$s";
            case "t_disjoint" -> "NOT (%1$s <= %4$s AND %2$s >= %3$s)";
            case "t_equals" -> "%1$s = %3$s AND %2$s = %4$s";
            case "t_contains" -> "%1$s < %3$s AND %2$s > %4$s";
            case "t_during" -> "%1$s > %3$s AND %2$s < %4$s";
            case "t_finishedby" -> "%1$s < %3$s AND %2$s = %4$s";
            case "t_finishes" -> "%1$s > %3$s AND %2$s = %4$s";
            case "t_meets" -> "%2$s = %3$s";
            case "t_metby" -> "%1$s = %4$s";
            case "t_overlappedby" -> "%1$s > %3$s AND %1$s < %4$s AND %2$s > %4$s";
            case "t_overlaps" -> "%1$s < %3$s AND %2$s > %3$s AND %2$s < %4$s";
            case "t_startedby" -> "%1$s = %3$s AND %2$s > %4$s";
            case "t_starts" -> "%1$s = %3$s AND %2$s < %4$s";
            default -> throw new Cql2Exception("unknown temporal function " + t.op());
        };
        // Each end is a column or a '?': bind the parameters in the order the relation names them.
        String[] ends = {a.start, a.end, b.start, b.end};
        Object[] values = {a.startValue, a.endValue, b.startValue, b.endValue};
        out.sql("(");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("%(\\d)\\$s").matcher(relation);
        int last = 0;
        while (m.find()) {
            out.sql(relation.substring(last, m.start()));
            int index = Integer.parseInt(m.group(1)) - 1;
            if (values[index] != null) {
                out.param(values[index]);
            } else {
                out.sql(ends[index]);
            }
            last = m.end();
        }
        out.sql(relation.substring(last)).sql(")");
    }

    /** An operand of a temporal function as [start, end]: SQL for property ends, parameters for literal ends. */
    private record Span(String start, String end, Object startValue, Object endValue) {
    }

    private Span span(Expr expr) {
        return switch (expr) {
            case Expr.Property p -> {
                Queryable q = queryable(p);
                if (q.name().equals("datetime")) {
                    yield new Span("i.t_start", "i.t_end", null, null);
                }
                if (q.type() != Type.TIMESTAMP) {
                    throw new Cql2Exception("temporal functions need a timestamp, '" + q.name() + "' is " + q.type().name().toLowerCase());
                }
                yield new Span(q.valueSql(), q.valueSql(), null, null);
            }
            case Expr.Timestamp ts -> new Span(null, null, ts.value(), ts.value());
            case Expr.Date d -> new Span(null, null, d.value().atStartOfDay().toInstant(ZoneOffset.UTC),
                    d.value().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1000));
            case Expr.Interval iv -> new Span(iv.start() == null ? "'-infinity'::timestamptz" : null,
                    iv.end() == null ? "'infinity'::timestamptz" : null,
                    iv.start() == null ? null : intervalEnd(iv.start(), true),
                    iv.end() == null ? null : intervalEnd(iv.end(), false));
            default -> throw new Cql2Exception("temporal functions take timestamps, dates, intervals or time properties, not " + describe(expr));
        };
    }

    private static Instant intervalEnd(Expr end, boolean start) {
        return switch (end) {
            case Expr.Timestamp ts -> ts.value();
            case Expr.Date d -> start ? d.value().atStartOfDay().toInstant(ZoneOffset.UTC)
                    : d.value().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1000);
            default -> throw new Cql2Exception("interval ends must be timestamps or dates");
        };
    }

    private void array(Expr.ArrayOp a, SqlBuilder out) {
        String op = a.op();
        Expr left = a.left();
        Expr right = a.right();
        if (left instanceof Expr.ArrayLiteral && right instanceof Expr.Property) {
            Expr swap = left;
            left = right;
            right = swap;
            op = switch (op) {
                case "a_contains" -> "a_containedby";
                case "a_containedby" -> "a_contains";
                default -> op;
            };
        }
        if (!(left instanceof Expr.Property p) || !(right instanceof Expr.ArrayLiteral literal)) {
            throw new Cql2Exception(a.op().toUpperCase() + " compares an array property with an array literal");
        }
        requireShort(literal.items(), "an array literal");
        Queryable q = queryable(p);
        if (q.type() != Type.ARRAY) {
            throw new Cql2Exception(a.op().toUpperCase() + " needs an array property, '" + q.name() + "' is " + q.type().name().toLowerCase());
        }
        ArrayNode items = NODES.arrayNode();
        for (Expr item : literal.items()) {
            if (!isScalarLiteral(item)) {
                throw new Cql2Exception("array literals may hold strings, numbers and booleans, not " + describe(item));
            }
            items.add(literalJson(item));
        }
        switch (op) {
            case "a_contains" -> out.sql("i.properties @> ").param(containment(q.name(), items));
            case "a_containedby" -> out.sql("(" + q.jsonb() + ") <@ ").param(new SqlBuilder.Jsonb(items.toString()));
            case "a_equals" -> out.sql("(" + q.jsonb() + ") = ").param(new SqlBuilder.Jsonb(items.toString()));
            case "a_overlaps" -> {
                if (items.isEmpty()) {
                    out.sql("FALSE");
                    return;
                }
                out.sql("(");
                for (int i = 0; i < items.size(); i++) {
                    out.sql(i > 0 ? " OR i.properties @> " : "i.properties @> ")
                            .param(containment(q.name(), NODES.arrayNode().add(items.get(i))));
                }
                out.sql(")");
            }
            default -> throw new Cql2Exception("unknown array function " + op);
        }
    }

    // --- values ---

    private record Typed(SqlBuilder sql, Type type) {
    }

    private Typed value(Expr expr) {
        SqlBuilder sql = new SqlBuilder();
        return switch (expr) {
            case Expr.Property p -> typedProperty(queryable(p));
            case Expr.Text t -> new Typed(sql.param(t.value()), Type.STRING);
            case Expr.Number n -> new Typed(sql.param(n.value().doubleValue()), Type.NUMBER);
            case Expr.Bool b -> new Typed(sql.param(b.value()), Type.BOOLEAN);
            case Expr.Timestamp ts -> new Typed(sql.param(ts.value()), Type.TIMESTAMP);
            case Expr.Date d -> new Typed(sql.param(d.value().atStartOfDay().toInstant(ZoneOffset.UTC)), Type.TIMESTAMP);
            case Expr.GeometryLiteral g -> new Typed(sql.sql("ST_GeomFromText(").param(g.value().toText()).sql(", 4326)"), Type.GEOMETRY);
            default -> throw new Cql2Exception("unexpected " + describe(expr) + " where a value was expected");
        };
    }

    private Typed typedProperty(Queryable q) {
        return new Typed(new SqlBuilder().sql(q.valueSql()), q.type());
    }

    private Queryable queryable(Expr.Property p) {
        String name = p.name().startsWith("properties.") ? p.name().substring("properties.".length()) : p.name();
        Queryable q = queryables.get(name);
        if (q == null) {
            throw new UnknownQueryableException(name, queryables.keySet());
        }
        return q;
    }

    private static void require(Typed value, Type type, String operator) {
        if (value.type != type) {
            throw new Cql2Exception(operator + " needs " + type.name().toLowerCase() + " values, got " + value.type.name().toLowerCase());
        }
    }

    private static void comparable(Typed a, Typed b, String operator) {
        if (a.type != b.type) {
            throw new Cql2Exception("'" + operator + "' cannot compare " + a.type.name().toLowerCase() + " with " + b.type.name().toLowerCase());
        }
    }

    private static boolean isLiteral(Expr e) {
        return !(e instanceof Expr.Property);
    }

    private static boolean isScalarLiteral(Expr e) {
        return e instanceof Expr.Text || e instanceof Expr.Number || e instanceof Expr.Bool;
    }

    private static com.fasterxml.jackson.databind.JsonNode literalJson(Expr e) {
        return switch (e) {
            case Expr.Text t -> NODES.textNode(t.value());
            case Expr.Number n -> NODES.numberNode(n.value());
            case Expr.Bool b -> NODES.booleanNode(b.value());
            default -> throw new Cql2Exception("not a scalar literal: " + describe(e));
        };
    }

    private static SqlBuilder.Jsonb containment(String name, com.fasterxml.jackson.databind.JsonNode value) {
        ObjectNode doc = NODES.objectNode();
        doc.set(name, value);
        try {
            return new SqlBuilder.Jsonb(JSON.writeValueAsString(doc));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An odd number of backslashes at the end: the last escapes nothing. */
    private static boolean endsInEscape(String pattern) {
        int backslashes = 0;
        for (int i = pattern.length() - 1; i >= 0 && pattern.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static String flip(String op) {
        return switch (op) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> op;
        };
    }

    private static String describe(Expr e) {
        return e.getClass().getSimpleName().toLowerCase();
    }

    private static String describe(Typed t) {
        return t.type.name().toLowerCase();
    }
}
