-- The split (train/val/test) is how machine-learning users slice a dataset: "the val items of collection X with
-- label Y, newest first" is the typical filter page. As a JSONB property it could only be tested on each row
-- the (collection, time) walk visits: ~4,200 rows for 100 val hits at a million items. As a column in the
-- walk's index, only the split's own rows are visited (bench/README.md, session 6). Filters keep the JSONB
-- containment test as well, so a split stored as a non-string matches exactly as before.
ALTER TABLE item ADD COLUMN split text GENERATED ALWAYS AS (properties->>'split') STORED;
CREATE INDEX item_collection_split_start_idx ON item (collection_id, split, t_start DESC, id);
