-- Releases: a collection's state frozen under a version name (v1.0), citable and never changed afterwards.
--
-- A release is a copy of the collection's rows under the id '{collection}@{version}': its collection row, its
-- items (their JSON, properties and the object keys they name), its statistics. Every read then works on a
-- release as on a collection, through the same code and indexes, and the objects are shared: keys name their
-- content, so v1 and v2 name the same object wherever a patch did not change. What keeps a release whole:
--   * the rows: the triggers below refuse any write to a release's rows outside the transaction that makes it;
--   * the objects: the service never deletes a key a release's row names (replace, delete, withdraw, sweep);
--   * the release itself: collection_release references both collections without cascade, so neither the
--     collection nor the release can be deleted while it exists.
ALTER TABLE collection DROP CONSTRAINT collection_id_check;
ALTER TABLE collection ADD CONSTRAINT collection_id_check
    CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}(@[A-Za-z0-9][A-Za-z0-9._-]{0,63})?$');

CREATE TABLE collection_release (
    collection_id text        NOT NULL REFERENCES collection (id),
    version       text        NOT NULL CHECK (version ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    release_id    text        NOT NULL UNIQUE REFERENCES collection (id),
    released      timestamptz NOT NULL DEFAULT now(),
    notes         text,
    -- attached after the fact (a DOI is minted once the release exists), once; not part of what is frozen
    doi           text,
    PRIMARY KEY (collection_id, version),
    CHECK (release_id = collection_id || '@' || version)
);

-- The transaction that makes a release sets patchserve.releasing; nothing else may write a release's rows.
-- for the tables keyed by collection_id
CREATE FUNCTION release_rows_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    target text;
BEGIN
    IF TG_OP = 'DELETE' THEN
        target := OLD.collection_id;
    ELSE
        target := NEW.collection_id;
    END IF;
    IF position('@' IN target) > 0 AND current_setting('patchserve.releasing', true) IS DISTINCT FROM 'on' THEN
        RAISE EXCEPTION 'release % is frozen: its rows are never written after it is made', target
            USING ERRCODE = 'P0409';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE FUNCTION release_collection_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    target text := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
BEGIN
    IF position('@' IN target) > 0 AND current_setting('patchserve.releasing', true) IS DISTINCT FROM 'on' THEN
        RAISE EXCEPTION 'release % is frozen: its rows are never written after it is made', target
            USING ERRCODE = 'P0409';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE TRIGGER release_frozen BEFORE INSERT OR UPDATE OR DELETE ON collection
    FOR EACH ROW EXECUTE FUNCTION release_collection_frozen();
CREATE TRIGGER release_frozen BEFORE INSERT OR UPDATE OR DELETE ON item
    FOR EACH ROW EXECUTE FUNCTION release_rows_frozen();
CREATE TRIGGER release_frozen BEFORE INSERT OR UPDATE OR DELETE ON band_statistics
    FOR EACH ROW EXECUTE FUNCTION release_rows_frozen();
CREATE TRIGGER release_frozen BEFORE INSERT OR UPDATE OR DELETE ON provided_statistics
    FOR EACH ROW EXECUTE FUNCTION release_rows_frozen();
