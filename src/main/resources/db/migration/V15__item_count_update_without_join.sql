-- The update trigger of item_count (V12) joined its transition tables (old_rows JOIN new_rows ON pk). PL/pgSQL
-- caches a statement's plan for the session: planned first for an item's one-row upsert, it is a nested loop, and
-- the same plan then ran for the 20,000 rows a run's statistics merge marks counted in one UPDATE, rescanning a
-- transition table (spilled to disk: rows carry their STAC JSON) once per row: more than four minutes of one
-- backend's CPU, measured by bench/stack.sh (session 11). Without a join there is no plan to get wrong: the old
-- rows' facets count -1 and the new rows' +1, summed per facet, and only facets whose sum is not 0 move (an
-- unchanged row cancels out). Linear in the rows updated, whatever plan is cached.
CREATE OR REPLACE FUNCTION item_count_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO item_count AS t (collection_id, property, value, split, count)
    SELECT d.collection_id, d.property, d.value, d.split, sum(d.delta)
    FROM (
        SELECT f.collection_id, f.property, f.value, f.split, -1 AS delta
        FROM (SELECT array_agg(collection_id) AS c, array_agg(properties) AS p, array_agg(split) AS s FROM old_rows) a
        CROSS JOIN LATERAL item_count_facets(a.c, a.p, a.s) f
        UNION ALL
        SELECT f.collection_id, f.property, f.value, f.split, 1
        FROM (SELECT array_agg(collection_id) AS c, array_agg(properties) AS p, array_agg(split) AS s FROM new_rows) a
        CROSS JOIN LATERAL item_count_facets(a.c, a.p, a.s) f
    ) d
    WHERE EXISTS (SELECT 1 FROM collection c WHERE c.id = d.collection_id)
    GROUP BY 1, 2, 3, 4
    HAVING sum(d.delta) <> 0
    -- a fixed order of rows: concurrent writers to one collection lock its counters in the same order
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (collection_id, property, value, split) DO UPDATE SET count = t.count + excluded.count;
    DELETE FROM item_count WHERE count = 0 AND collection_id IN (SELECT DISTINCT collection_id FROM new_rows);
    RETURN NULL;
END $$;
