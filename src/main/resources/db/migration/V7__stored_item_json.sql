-- Each item's STAC JSON as written at load time, with its request-dependent URLs left as markers
-- (catalog.StoredItemJson). A search page then sends stored text instead of PostgreSQL writing the properties,
-- assets and footprint as JSON and the service parsing and writing them again for every item of every page
-- (bench/README.md, session 6). Rows without it, or written by another version of the renderer, are rendered
-- from their columns as before.
ALTER TABLE item
    ADD COLUMN stac_json text,
    ADD COLUMN stac_json_version smallint;

-- Whatever changes a rendered column without writing the JSON with it (an operator's UPDATE, a writer that
-- does not know the column) drops the stored JSON, so that a stale rendering is never served.
CREATE FUNCTION item_stac_json_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.stac_json IS NOT DISTINCT FROM OLD.stac_json
       AND (NEW.collection_id, NEW.id, NEW.geometry, NEW.datetime, NEW.start_datetime, NEW.end_datetime,
            NEW.properties, NEW.assets)
           IS DISTINCT FROM
           (OLD.collection_id, OLD.id, OLD.geometry, OLD.datetime, OLD.start_datetime, OLD.end_datetime,
            OLD.properties, OLD.assets) THEN
        NEW.stac_json := NULL;
        NEW.stac_json_version := NULL;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER item_stac_json_guard BEFORE UPDATE ON item
    FOR EACH ROW EXECUTE FUNCTION item_stac_json_guard();
