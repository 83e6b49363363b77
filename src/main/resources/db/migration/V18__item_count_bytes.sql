-- A collection's size for its page: item_count gains the facet property '@bytes' (value '', per split too) whose
-- count is the bytes of the items' stored objects (the sum of their assets' sizes), kept by the same statement
-- triggers. Facets now carry a weight: 1 for every facet that counts items, the item's bytes for '@bytes'; the
-- functions sum weights where they counted rows.
CREATE OR REPLACE FUNCTION item_asset_bytes(assets jsonb) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(sum((a.value ->> 'size')::bigint), 0)
    FROM jsonb_each(CASE WHEN jsonb_typeof(assets) = 'object' THEN assets ELSE '{}'::jsonb END) a
    WHERE jsonb_typeof(a.value -> 'size') = 'number'
$$;

CREATE FUNCTION item_count_weighted_facets(rows_collection text[], rows_properties jsonb[], rows_split text[],
                                           rows_dt timestamptz[], rows_assets jsonb[])
    RETURNS TABLE (collection_id text, property text, value text, split text, weight bigint)
    LANGUAGE sql STABLE AS $$
    SELECT f.collection_id, f.property, f.value, f.split, 1::bigint
    FROM item_count_facets(rows_collection, rows_properties, rows_split, rows_dt) f
    UNION ALL
    SELECT u.collection_id, '@bytes', '', s.split, item_asset_bytes(u.assets)
    FROM unnest(rows_collection, rows_split, rows_assets) AS u(collection_id, split, assets)
    CROSS JOIN LATERAL (VALUES ('*'), (u.split)) s(split)
    WHERE s.split IS NOT NULL
$$;

CREATE FUNCTION item_count_apply(delta_collection text[], delta_properties jsonb[], delta_split text[],
                                 delta_dt timestamptz[], delta_assets jsonb[], sign integer)
    RETURNS void LANGUAGE sql AS $$
    INSERT INTO item_count AS t (collection_id, property, value, split, count)
    SELECT f.collection_id, f.property, f.value, f.split, sign * sum(f.weight)
    FROM item_count_weighted_facets(delta_collection, delta_properties, delta_split, delta_dt, delta_assets) f
    WHERE EXISTS (SELECT 1 FROM collection c WHERE c.id = f.collection_id)
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (collection_id, property, value, split) DO UPDATE SET count = t.count + excluded.count
$$;

CREATE OR REPLACE FUNCTION item_count_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM item_count_apply(array_agg(collection_id), array_agg(properties), array_agg(split), array_agg(dt),
                             array_agg(assets), 1) FROM new_rows;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION item_count_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM item_count_apply(array_agg(collection_id), array_agg(properties), array_agg(split), array_agg(dt),
                             array_agg(assets), -1) FROM old_rows;
    DELETE FROM item_count WHERE count = 0 AND collection_id IN (SELECT DISTINCT collection_id FROM old_rows);
    RETURN NULL;
END $$;

-- As V15/V16: no join of the transition tables; a replaced object changes the bytes by the difference.
CREATE OR REPLACE FUNCTION item_count_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO item_count AS t (collection_id, property, value, split, count)
    SELECT d.collection_id, d.property, d.value, d.split, sum(d.delta)
    FROM (
        SELECT f.collection_id, f.property, f.value, f.split, -f.weight AS delta
        FROM (SELECT array_agg(collection_id) AS c, array_agg(properties) AS p, array_agg(split) AS s, array_agg(dt) AS t,
                     array_agg(assets) AS a FROM old_rows) o
        CROSS JOIN LATERAL item_count_weighted_facets(o.c, o.p, o.s, o.t, o.a) f
        UNION ALL
        SELECT f.collection_id, f.property, f.value, f.split, f.weight
        FROM (SELECT array_agg(collection_id) AS c, array_agg(properties) AS p, array_agg(split) AS s, array_agg(dt) AS t,
                     array_agg(assets) AS a FROM new_rows) n
        CROSS JOIN LATERAL item_count_weighted_facets(n.c, n.p, n.s, n.t, n.a) f
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
    SELECT item_count_apply(array_agg(collection_id), array_agg(properties), array_agg(split), array_agg(dt),
                            array_agg(assets), 1)
    FROM item WHERE collection_id = target;
$$;

DROP FUNCTION item_count_apply(text[], jsonb[], text[], timestamptz[], integer);

-- The items already stored get their bytes (only the new facet: the others are counted already).
INSERT INTO item_count (collection_id, property, value, split, count)
SELECT f.collection_id, f.property, f.value, f.split, sum(f.weight)
FROM item i CROSS JOIN LATERAL item_count_weighted_facets(ARRAY[i.collection_id], ARRAY[i.properties], ARRAY[i.split],
                                                            ARRAY[i.dt], ARRAY[i.assets]) f
WHERE f.property = '@bytes'
GROUP BY 1, 2, 3, 4
HAVING sum(f.weight) <> 0;
