-- The split column holds the property only when it is a JSON string. Then `split = 'x'` on the column means
-- exactly what the JSONB containment {"split": "x"} means, and filters test the column alone. Testing both (V8)
-- made the planner count the split's selectivity twice (val: 0.4 x 0.4), so for some labels it expected ten
-- times fewer matches than there were and chose a bitmap scan and a sort over 10,000 rows: 141 ms instead of
-- the ~3 ms of walking the index below (bench/README.md, session 7). Rewrites the item table once, as V8 did.
ALTER TABLE item DROP COLUMN split;
ALTER TABLE item ADD COLUMN split text
    GENERATED ALWAYS AS (CASE WHEN jsonb_typeof(properties->'split') = 'string' THEN properties->>'split' END) STORED;
CREATE INDEX item_collection_split_start_idx ON item (collection_id, split, t_start DESC, id);
