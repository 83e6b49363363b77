-- Deleting a collection deletes its items by cascade; their delete trigger must not count them back into
-- item_count for the collection that is going away (its rows there go by cascade too).
CREATE OR REPLACE FUNCTION item_count_apply(delta_collection text[], delta_properties jsonb[], delta_split text[], sign integer)
    RETURNS void LANGUAGE sql AS $$
    INSERT INTO item_count AS t (collection_id, property, value, split, count)
    SELECT f.collection_id, f.property, f.value, f.split, sign * count(*)
    FROM item_count_facets(delta_collection, delta_properties, delta_split) f
    WHERE EXISTS (SELECT 1 FROM collection c WHERE c.id = f.collection_id)
    GROUP BY 1, 2, 3, 4
    -- a fixed order of rows: concurrent writers to one collection lock its counters in the same order
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (collection_id, property, value, split) DO UPDATE SET count = t.count + excluded.count
$$;
