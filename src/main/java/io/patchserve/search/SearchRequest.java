package io.patchserve.search;

import io.patchserve.search.cql2.Expr;
import org.locationtech.jts.geom.Geometry;

import java.util.List;

/**
 * An item search, whatever route it came through (GET or POST /search, or a collection's items).
 * Absent parts are null or empty lists.
 */
public record SearchRequest(List<String> collections, List<String> ids, Bbox bbox, Geometry intersects,
                            TimeInterval datetime, Expr filter, List<SortField> sortby, FieldsSpec fields, int limit,
                            String token) {

    /** True when nothing but the collections restricts the result, so its size is a stored count. */
    public boolean onlyCollections() {
        return ids.isEmpty() && bbox == null && intersects == null && datetime == null && filter == null;
    }

    public SearchRequest withCollections(List<String> scope) {
        return new SearchRequest(scope, ids, bbox, intersects, datetime, filter, sortby, fields, limit, token);
    }
}
