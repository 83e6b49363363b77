-- Search indexes, revised after the 1M-item benchmark (bench/README.md):
-- * separate btree indexes on t_start and t_end led the planner into BitmapAnds over half the table for
--   bbox + datetime (107 ms); a GiST over (footprint, time range) answers both in one scan (3 ms);
-- * sorting by datetime now orders by the start of the item's time (t_start), so that the datetime
--   parameter's "t_start <= end" bounds the ordering index and a page is read from where it starts.

DROP INDEX item_t_start_idx;
DROP INDEX item_t_end_idx;
DROP INDEX item_dt_idx;
DROP INDEX item_collection_dt_idx;

CREATE INDEX item_start_idx ON item (t_start DESC, collection_id, id);
CREATE INDEX item_collection_start_idx ON item (collection_id, t_start DESC, id);
CREATE INDEX item_geometry_time_idx ON item USING gist (geometry, tstzrange(t_start, t_end, '[]'));
CREATE INDEX item_time_idx ON item USING gist (tstzrange(t_start, t_end, '[]'));
