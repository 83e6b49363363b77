package io.patchserve.search;

import io.patchserve.http.ReleaseIds;
import io.patchserve.stac.GeoJson;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

import java.util.List;

/** The WHERE conditions of an item search, and the keyset condition that starts a page after a cursor. */
final class SearchSql {

    private SearchSql() {
    }

    /** True for the rows of collections that are not releases (whose ids hold the separator; see ReleaseIds). */
    static final String LIVE_COLLECTIONS = "position('" + ReleaseIds.SEPARATOR + "' IN %s) = 0";

    static SqlBuilder where(SearchRequest request, SqlBuilder filter) {
        return where(request, filter, true);
    }

    /**
     * The conditions; with {@code exactArea} false, the bbox or intersects area is only a footprint-box overlap
     * ({@code &&}, what the index answers), and {@link #intersectsArea} is the exact test still to apply.
     */
    static SqlBuilder where(SearchRequest request, SqlBuilder filter, boolean exactArea) {
        SqlBuilder where = new SqlBuilder().sql("TRUE");
        inList(where, "i.collection_id", request.collections());
        if (request.collections().isEmpty()) {
            where.sql(" AND " + LIVE_COLLECTIONS.formatted("i.collection_id")); // releases are searched by name
        }
        inList(where, "i.id", request.ids());
        Geometry area = area(request);
        if (area != null && exactArea) {
            where.sql(" AND ST_Intersects(i.geometry, ST_GeomFromText(").param(area.toText()).sql(", 4326))");
        } else if (area != null) {
            where.sql(" AND i.geometry && ST_GeomFromText(").param(area.toText()).sql(", 4326)");
        }
        TimeInterval datetime = request.datetime();
        if (datetime != null) {
            // The range overlap is what the GiST indexes answer; "t_start <= end" bounds the index that orders
            // by datetime, so a newest-first page starts at the interval's end instead of the newest item.
            where.sql(" AND tstzrange(i.t_start, i.t_end, '[]') && tstzrange(");
            nullableInstant(where, datetime.start());
            where.sql(", ");
            nullableInstant(where, datetime.end());
            where.sql(", '[]')");
            if (datetime.end() != null) {
                where.sql(" AND i.t_start <= ").param(datetime.end());
            }
        }
        if (filter != null) {
            where.sql(" AND (").append(filter).sql(")");
        }
        return where;
    }

    /** The request's bbox or intersects geometry, or null. */
    static Geometry area(SearchRequest request) {
        return request.bbox() != null ? bboxGeometry(request.bbox()) : request.intersects();
    }

    /** The exact test of {@code geometryColumn} against the request's area (which must have one). */
    static SqlBuilder intersectsArea(SearchRequest request, String geometryColumn) {
        return new SqlBuilder().sql("ST_Intersects(" + geometryColumn + ", ST_GeomFromText(")
                .param(area(request).toText()).sql(", 4326))");
    }

    private static void nullableInstant(SqlBuilder sql, java.time.Instant instant) {
        if (instant == null) {
            sql.sql("NULL::timestamptz");
        } else {
            sql.param(instant);
        }
    }

    private static void inList(SqlBuilder where, String column, List<String> values) {
        if (values.size() == 1) {
            where.sql(" AND " + column + " = ").param(values.getFirst());
        } else if (values.size() > 1) {
            where.sql(" AND " + column + " = ANY(").param(new SqlBuilder.TextArray(values)).sql(")");
        }
    }

    /**
     * The box as a geometry: two parts across the antimeridian, each a polygon, or a line or a point where it has
     * no area (a box from 180 to -180 is two meridian lines).
     */
    static Geometry bboxGeometry(Bbox b) {
        if (b.crossesAntimeridian()) {
            return GeoJson.WGS84.buildGeometry(List.of(part(b.west(), 180, b.south(), b.north()),
                    part(-180, b.east(), b.south(), b.north())));
        }
        return part(b.west(), b.east(), b.south(), b.north());
    }

    private static Geometry part(double west, double east, double south, double north) {
        if (west == east && south == north) {
            return GeoJson.WGS84.createPoint(new Coordinate(west, south));
        }
        if (west == east || south == north) {
            return GeoJson.WGS84.createLineString(new Coordinate[]{new Coordinate(west, south), new Coordinate(east, north)});
        }
        return GeoJson.WGS84.toGeometry(new Envelope(west, east, south, north));
    }

    /** Rows strictly after the cursor in the sort order (nulls last in both directions, first when reversed). */
    static SqlBuilder after(List<SortKey> keys, List<Object> values) {
        SqlBuilder sql = new SqlBuilder().sql("(");
        SortKey first = keys.getFirst();
        if (!first.nullable() && values.getFirst() != null) {
            // redundant with the OR below, but lets the ordering index start at the cursor
            sql.sql(first.sql() + (first.ascending() ? " >= " : " <= ")).param(values.getFirst()).sql(" AND ");
        }
        sql.sql("(");
        for (int i = 0; i < keys.size(); i++) {
            sql.sql(i > 0 ? " OR (" : "(");
            for (int j = 0; j < i; j++) {
                equal(sql, keys.get(j), values.get(j));
                sql.sql(" AND ");
            }
            greater(sql, keys.get(i), values.get(i));
            sql.sql(")");
        }
        return sql.sql("))");
    }

    private static void equal(SqlBuilder sql, SortKey key, Object value) {
        if (value == null) {
            sql.sql(key.sql() + " IS NULL");
        } else {
            sql.sql(key.sql() + " = ").param(value);
        }
    }

    private static void greater(SqlBuilder sql, SortKey key, Object value) {
        if (value == null) {
            // nulls come last (nothing sorts after one), or first when the order is walked backwards
            sql.sql(key.nullsFirst() ? key.sql() + " IS NOT NULL" : "FALSE");
            return;
        }
        sql.sql("(" + key.sql() + (key.ascending() ? " > " : " < ")).param(value);
        if (key.nullable() && !key.nullsFirst()) {
            sql.sql(" OR " + key.sql() + " IS NULL");
        }
        sql.sql(")");
    }
}
