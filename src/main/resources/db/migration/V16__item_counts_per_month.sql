-- Items over time for a collection's page: item_count gains the facet property '@month' (value 'YYYY-MM' of the
-- item's datetime, or of the start of its interval, in UTC), kept by the same statement triggers as the other
-- facets, so a chart of a million items is still one primary-key range read. '@' cannot start a label property
-- (they are STAC property names), so the facet never meets a nomenclature's.
-- The facet functions take the items' dt (V2's generated coalesce(datetime, start_datetime)) as a fourth array;
-- the three-array versions go.
CREATE FUNCTION item_count_facets(rows_collection text[], rows_properties jsonb[], rows_split text[], rows_dt timestamptz[])
    RETURNS TABLE (collection_id text, property text, value text, split text)
    LANGUAGE sql STABLE AS $$
    WITH r AS (
        SELECT u.collection_id, u.properties, u.split, u.dt
        FROM unnest(rows_collection, rows_properties, rows_split, rows_dt) AS u(collection_id, properties, split, dt)
    ), facet AS (
        SELECT r.collection_id, '' AS property, '' AS value, r.split FROM r
        UNION ALL
        SELECT r.collection_id, 'split', r.split, NULL FROM r WHERE r.split IS NOT NULL
        UNION ALL
        SELECT r.collection_id, '@month', to_char(r.dt AT TIME ZONE 'UTC', 'YYYY-MM'), r.split FROM r WHERE r.dt IS NOT NULL
        UNION ALL
        SELECT r.collection_id, p.key, v.value, r.split
        FROM r
        JOIN collection c ON c.id = r.collection_id
        CROSS JOIN LATERAL jsonb_object_keys(
            CASE WHEN jsonb_typeof(c.extra -> 'patchserve:classes') = 'object' THEN c.extra -> 'patchserve:classes' ELSE '{}' END) p(key)
        CROSS JOIN LATERAL jsonb_array_elements_text(
            CASE jsonb_typeof(r.properties -> p.key)
                WHEN 'array' THEN r.properties -> p.key
                WHEN 'string' THEN jsonb_build_array(r.properties -> p.key)
                ELSE '[]'::jsonb END) v(value)
    )
    SELECT f.collection_id, f.property, f.value, s.split
    FROM facet f CROSS JOIN LATERAL (VALUES ('*'), (f.split)) s(split)
    WHERE s.split IS NOT NULL
$$;

CREATE FUNCTION item_count_apply(delta_collection text[], delta_properties jsonb[], delta_split text[],
                                 delta_dt timestamptz[], sign integer)
    RETURNS void LANGUAGE sql AS $$
    INSERT INTO item_count AS t (collection_id, property, value, split, count)
    SELECT f.collection_id, f.property, f.value, f.split, sign * count(*)
    FROM item_count_facets(delta_collection, delta_properties, delta_split, delta_dt) f
    -- a collection being deleted takes its counts by cascade (V13)
    WHERE EXISTS (SELECT 1 FROM collection c WHERE c.id = f.collection_id)
    GROUP BY 1, 2, 3, 4
    -- a fixed order of rows: concurrent writers to one collection lock its counters in the same order
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (collection_id, property, value, split) DO UPDATE SET count = t.count + excluded.count
$$;

CREATE OR REPLACE FUNCTION item_count_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM item_count_apply(array_agg(collection_id), array_agg(properties), array_agg(split), array_agg(dt), 1) FROM new_rows;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION item_count_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM item_count_apply(array_agg(collection_id), array_agg(properties), array_agg(split), array_agg(dt), -1) FROM old_rows;
    DELETE FROM item_count WHERE count = 0 AND collection_id IN (SELECT DISTINCT collection_id FROM old_rows);
    RETURN NULL;
END $$;

-- As V15: no join of the transition tables; a changed datetime moves the item between months.
CREATE OR REPLACE FUNCTION item_count_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO item_count AS t (collection_id, property, value, split, count)
    SELECT d.collection_id, d.property, d.value, d.split, sum(d.delta)
    FROM (
        SELECT f.collection_id, f.property, f.value, f.split, -1 AS delta
        FROM (SELECT array_agg(collection_id) AS c, array_agg(properties) AS p, array_agg(split) AS s, array_agg(dt) AS t
              FROM old_rows) a
        CROSS JOIN LATERAL item_count_facets(a.c, a.p, a.s, a.t) f
        UNION ALL
        SELECT f.collection_id, f.property, f.value, f.split, 1
        FROM (SELECT array_agg(collection_id) AS c, array_agg(properties) AS p, array_agg(split) AS s, array_agg(dt) AS t
              FROM new_rows) a
        CROSS JOIN LATERAL item_count_facets(a.c, a.p, a.s, a.t) f
    ) d
    WHERE EXISTS (SELECT 1 FROM collection c WHERE c.id = d.collection_id)
    GROUP BY 1, 2, 3, 4
    HAVING sum(d.delta) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (collection_id, property, value, split) DO UPDATE SET count = t.count + excluded.count;
    DELETE FROM item_count WHERE count = 0 AND collection_id IN (SELECT DISTINCT collection_id FROM new_rows);
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION item_count_rebuild(target text) RETURNS void LANGUAGE sql AS $$
    DELETE FROM item_count WHERE collection_id = target;
    SELECT item_count_apply(array_agg(collection_id), array_agg(properties), array_agg(split), array_agg(dt), 1)
    FROM item WHERE collection_id = target;
$$;

DROP FUNCTION item_count_apply(text[], jsonb[], text[], integer);
DROP FUNCTION item_count_facets(text[], jsonb[], text[]);

-- The items already stored get their months (only the new facet: the others are counted already).
INSERT INTO item_count (collection_id, property, value, split, count)
SELECT f.collection_id, f.property, f.value, f.split, count(*)
FROM item i CROSS JOIN LATERAL item_count_facets(ARRAY[i.collection_id], ARRAY[i.properties], ARRAY[i.split], ARRAY[i.dt]) f
WHERE f.property = '@month'
GROUP BY 1, 2, 3, 4;
