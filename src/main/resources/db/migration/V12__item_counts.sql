-- A collection's vocabulary with its counts: items per split, and items per class of each label nomenclature
-- (the keys of the collection's patchserve:classes), overall and per split. Kept by triggers in the same
-- statement as every item write, so the counts are exact whatever writes (ingest, the transactions API, a
-- delete) and reading them costs a primary-key range scan however many items there are.
--   property '' and value ''        : items (of the split)
--   property 'split' and value s    : items whose split is s (split column '*')
--   property p and value v          : items whose label property p holds class v
-- split '*' counts every item; any other split value counts that split's items.
CREATE TABLE item_count (
    collection_id text   NOT NULL REFERENCES collection (id) ON DELETE CASCADE,
    property      text   NOT NULL,
    value         text   NOT NULL,
    split         text   NOT NULL,
    count         bigint NOT NULL,
    PRIMARY KEY (collection_id, property, value, split)
);

-- The (property, value) facets each item counts under, with the split keys it counts in.
CREATE FUNCTION item_count_facets(rows_collection text[], rows_properties jsonb[], rows_split text[])
    RETURNS TABLE (collection_id text, property text, value text, split text)
    LANGUAGE sql STABLE AS $$
    WITH r AS (
        SELECT u.collection_id, u.properties, u.split
        FROM unnest(rows_collection, rows_properties, rows_split) AS u(collection_id, properties, split)
    ), facet AS (
        SELECT r.collection_id, '' AS property, '' AS value, r.split FROM r
        UNION ALL
        SELECT r.collection_id, 'split', r.split, NULL FROM r WHERE r.split IS NOT NULL
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

CREATE FUNCTION item_count_apply(delta_collection text[], delta_properties jsonb[], delta_split text[], sign integer)
    RETURNS void LANGUAGE sql AS $$
    INSERT INTO item_count AS t (collection_id, property, value, split, count)
    SELECT f.collection_id, f.property, f.value, f.split, sign * count(*)
    FROM item_count_facets(delta_collection, delta_properties, delta_split) f
    GROUP BY 1, 2, 3, 4
    -- a fixed order of rows: concurrent writers to one collection lock its counters in the same order
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (collection_id, property, value, split) DO UPDATE SET count = t.count + excluded.count
$$;

CREATE FUNCTION item_count_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM item_count_apply(array_agg(collection_id), array_agg(properties), array_agg(split), 1) FROM new_rows;
    RETURN NULL;
END $$;

CREATE FUNCTION item_count_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM item_count_apply(array_agg(collection_id), array_agg(properties), array_agg(split), -1) FROM old_rows;
    DELETE FROM item_count WHERE count = 0 AND collection_id IN (SELECT DISTINCT collection_id FROM old_rows);
    RETURN NULL;
END $$;

-- Only rows whose properties changed move counts: updates of assets (a recorded CRC) or bookkeeping columns
-- (the statistics' counted mark) leave them as they are.
CREATE FUNCTION item_count_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM item_count_apply(array_agg(o.collection_id), array_agg(o.properties), array_agg(o.split), -1)
    FROM old_rows o JOIN new_rows n ON n.pk = o.pk WHERE n.properties IS DISTINCT FROM o.properties;
    PERFORM item_count_apply(array_agg(n.collection_id), array_agg(n.properties), array_agg(n.split), 1)
    FROM old_rows o JOIN new_rows n ON n.pk = o.pk WHERE n.properties IS DISTINCT FROM o.properties;
    DELETE FROM item_count WHERE count = 0 AND collection_id IN (SELECT DISTINCT collection_id FROM new_rows);
    RETURN NULL;
END $$;

CREATE TRIGGER item_count_insert AFTER INSERT ON item REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION item_count_on_insert();
CREATE TRIGGER item_count_delete AFTER DELETE ON item REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION item_count_on_delete();
CREATE TRIGGER item_count_update AFTER UPDATE ON item REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION item_count_on_update();

-- Recounts one collection from its rows: when its nomenclatures change (patchserve:classes is edited), the
-- facets every item counts under change with them.
CREATE FUNCTION item_count_rebuild(target text) RETURNS void LANGUAGE sql AS $$
    DELETE FROM item_count WHERE collection_id = target;
    SELECT item_count_apply(array_agg(collection_id), array_agg(properties), array_agg(split), 1)
    FROM item WHERE collection_id = target;
$$;

CREATE FUNCTION item_count_on_classes_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.extra -> 'patchserve:classes' IS DISTINCT FROM NEW.extra -> 'patchserve:classes' THEN
        PERFORM item_count_rebuild(NEW.id);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER item_count_classes AFTER UPDATE ON collection
    FOR EACH ROW EXECUTE FUNCTION item_count_on_classes_change();

-- The items already stored.
SELECT item_count_apply(array_agg(collection_id), array_agg(properties), array_agg(split), 1) FROM item;
