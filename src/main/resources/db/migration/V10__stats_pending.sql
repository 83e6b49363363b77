-- Which ingest run is to count an item's pixels into its collection's band statistics: set when the item is
-- written, cleared in the transaction that merges that run's statistics. An item whose run crashed before the
-- merge keeps a stale run id, so the next run counts it although its content is unchanged: statistics cover every
-- item exactly once, whatever was killed when (issue #16). Null: counted, or nothing to count.
ALTER TABLE item ADD COLUMN stats_pending uuid;
CREATE INDEX item_stats_pending_idx ON item (collection_id, stats_pending) WHERE stats_pending IS NOT NULL;
