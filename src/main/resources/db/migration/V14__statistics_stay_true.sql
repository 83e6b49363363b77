-- Statistics that stay true (issue #19): an item's pixels are taken out of its collection's statistics, in the
-- transaction that deletes or replaces its row, so the statistics always cover exactly the items served.
-- stats_counted: this row's pixels (under its current split) are in band_statistics. Rows counted before this
-- migration are those whose run merged (stats_pending IS NULL) in a collection with computed statistics.
ALTER TABLE item ADD COLUMN stats_counted boolean NOT NULL DEFAULT false;
UPDATE item i SET stats_counted = true
WHERE i.stats_pending IS NULL
  AND EXISTS (SELECT 1 FROM band_statistics b WHERE b.collection_id = i.collection_id AND b.source = 'computed');
-- An item's own minimum and maximum per band of a binned type (not 8- or 16-bit integers) ({"band": [min, max]}): when a removed item held a
-- collection's extreme, the next one is found among the remaining items instead of in a binned histogram.
-- 8- and 16-bit bands need none: their histogram has one bin per value.
ALTER TABLE item ADD COLUMN stats_extremes jsonb;
-- How many items a row's pixels come from. Unknown (NULL) for rows merged before this migration.
ALTER TABLE band_statistics ADD COLUMN items bigint;
