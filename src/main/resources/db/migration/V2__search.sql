-- Item search: derived time columns, indexes for every search filter, and per-collection queryables.

-- The item's time as an interval [t_start, t_end] (an instant is a zero-length interval), and the instant
-- used for sorting ("datetime", or the start of the interval when datetime is null).
ALTER TABLE item
    ADD COLUMN t_start timestamptz GENERATED ALWAYS AS (coalesce(start_datetime, datetime)) STORED,
    ADD COLUMN t_end   timestamptz GENERATED ALWAYS AS (coalesce(end_datetime, datetime)) STORED,
    ADD COLUMN dt      timestamptz GENERATED ALWAYS AS (coalesce(datetime, start_datetime)) STORED;

DROP INDEX item_collection_datetime_idx;
-- default order (newest first, then collection and id) across and within collections: keyset paging walks these
CREATE INDEX item_dt_idx ON item (dt DESC, collection_id, id);
CREATE INDEX item_collection_dt_idx ON item (collection_id, dt DESC, id);
-- time intersection: t_start <= :end AND t_end >= :start
CREATE INDEX item_t_start_idx ON item (t_start);
CREATE INDEX item_t_end_idx ON item (t_end);
-- equality, IN and array containment on properties (labels, split, platform ...) through @> and @@
CREATE INDEX item_properties_idx ON item USING gin (properties jsonb_path_ops);
-- ids=... across collections
CREATE INDEX item_id_idx ON item (id);

-- What filter may name in this collection: {name: {"type": ..., "format"?: ..., "items"?: {...}}},
-- refreshed from the items after each load.
ALTER TABLE collection ADD COLUMN queryables jsonb NOT NULL DEFAULT '{}';
-- Item count, kept with the extent, so that numberMatched of a whole collection is exact and free.
ALTER TABLE collection ADD COLUMN item_count bigint NOT NULL DEFAULT 0;

-- Reads a property as a timestamp for filters; null (not an error) when a row holds something else.
CREATE FUNCTION ps_timestamptz(value text) RETURNS timestamptz
    LANGUAGE plpgsql STABLE PARALLEL SAFE AS
$$
BEGIN
    RETURN value::timestamptz;
EXCEPTION WHEN others THEN
    RETURN NULL;
END
$$;
