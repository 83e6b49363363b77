package io.patchserve.search.cql2;

import org.locationtech.jts.geom.Geometry;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The CQL2 syntax tree that both encodings (cql2-text and cql2-json) parse into. */
public sealed interface Expr {

    // --- predicates ---

    record And(List<Expr> args) implements Expr {
    }

    record Or(List<Expr> args) implements Expr {
    }

    record Not(Expr arg) implements Expr {
    }

    /** {@code op} is one of = &lt;&gt; &lt; &lt;= &gt; &gt;=. */
    record Compare(String op, Expr left, Expr right) implements Expr {
    }

    record Like(Expr value, Expr pattern) implements Expr {
    }

    record Between(Expr value, Expr low, Expr high) implements Expr {
    }

    record In(Expr value, List<Expr> list) implements Expr {
    }

    record IsNull(Expr value) implements Expr {
    }

    /** {@code op} is a lower-case spatial function name, e.g. s_intersects. */
    record Spatial(String op, Expr left, Expr right) implements Expr {
    }

    /** {@code op} is a lower-case temporal function name, e.g. t_intersects. */
    record Temporal(String op, Expr left, Expr right) implements Expr {
    }

    /** {@code op} is a lower-case array function name, e.g. a_contains. */
    record ArrayOp(String op, Expr left, Expr right) implements Expr {
    }

    // --- values ---

    record Property(String name) implements Expr {
    }

    record Text(String value) implements Expr {
    }

    record Number(BigDecimal value) implements Expr {
    }

    record Bool(boolean value) implements Expr {
    }

    record Timestamp(Instant value) implements Expr {
    }

    record Date(LocalDate value) implements Expr {
    }

    /** An interval whose ends are Timestamp, Date, or null for an open end (".."). */
    record Interval(Expr start, Expr end) implements Expr {
    }

    record GeometryLiteral(Geometry value) implements Expr {
    }

    record ArrayLiteral(List<Expr> items) implements Expr {
    }

    /** The names of every supported function, by kind. */
    List<String> SPATIAL = List.of("s_intersects", "s_equals", "s_disjoint", "s_touches", "s_within", "s_overlaps",
            "s_crosses", "s_contains");
    List<String> TEMPORAL = List.of("t_after", "t_before", "t_contains", "t_disjoint", "t_during", "t_equals",
            "t_finishedby", "t_finishes", "t_intersects", "t_meets", "t_metby", "t_overlappedby", "t_overlaps",
            "t_startedby", "t_starts");
    List<String> ARRAY = List.of("a_equals", "a_contains", "a_containedby", "a_overlaps");
}
