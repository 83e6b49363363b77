package io.patchserve.catalog;

import io.patchserve.error.ApiException;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class CollectionRepository implements PanacheRepositoryBase<CollectionEntity, String> {

    /** The collection, or the 404 that names it. */
    public CollectionEntity require(String collectionId) {
        return findByIdOptional(collectionId)
                .orElseThrow(() -> ApiException.notFound("collection '" + collectionId + "' does not exist"));
    }

    public List<CollectionEntity> listAllById() {
        return listAll(Sort.by("id"));
    }

    /**
     * Recomputes what the collection row summarises of its items (extent, count, queryables); called after
     * writes, never on reads, so that reading a collection or counting it never scans its items.
     */
    public void refreshSummary(String collectionId) {
        getEntityManager().createNativeQuery("""
                        UPDATE collection c SET
                          extent_west = ST_XMin(x.box), extent_south = ST_YMin(x.box),
                          extent_east = ST_XMax(x.box), extent_north = ST_YMax(x.box),
                          extent_start = x.first, extent_end = x.last, item_count = x.n, updated = now()
                        FROM (SELECT ST_Extent(geometry)::box3d AS box, min(t_start) AS first, max(t_end) AS last,
                                     count(*) AS n
                              FROM item WHERE collection_id = :id) x
                        WHERE c.id = :id""")
                .setParameter("id", collectionId)
                .executeUpdate();
        // Each property's JSON type; strings that all look like date-times are timestamps; arrays take the
        // type of their elements. A name with several types keeps the most frequent one.
        getEntityManager().createNativeQuery("""
                        UPDATE collection c SET queryables = coalesce(q.schema, '{}'::jsonb)
                        FROM (SELECT jsonb_object_agg(key, schema) AS schema FROM (
                                SELECT DISTINCT ON (key) key,
                                  CASE
                                    WHEN t = 'string' AND all_datetime THEN '{"type":"string","format":"date-time"}'::jsonb
                                    WHEN t = 'array' AND item_type IS NOT NULL THEN jsonb_build_object('type', 'array', 'items', jsonb_build_object('type', item_type))
                                    ELSE jsonb_build_object('type', t)
                                  END AS schema
                                FROM (SELECT e.key, jsonb_typeof(e.value) AS t, count(*) AS n,
                                             bool_and(e.value #>> '{}' ~ '^\\d{4}-\\d{2}-\\d{2}T') AS all_datetime,
                                             min(CASE WHEN jsonb_typeof(e.value) = 'array' AND jsonb_array_length(e.value) > 0
                                                      THEN jsonb_typeof(e.value -> 0) END) AS item_type
                                      FROM item i, jsonb_each(i.properties) e
                                      WHERE i.collection_id = :id AND jsonb_typeof(e.value) NOT IN ('null', 'object')
                                      GROUP BY e.key, jsonb_typeof(e.value)) typed
                                ORDER BY key, n DESC) named) q
                        WHERE c.id = :id""")
                .setParameter("id", collectionId)
                .executeUpdate();
    }
}
