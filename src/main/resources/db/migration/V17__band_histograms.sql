-- A computed band's coarse histogram as the statistics document serves it (stats.Histogram: GDAL's
-- {min, max, count, buckets}), derived from the exact histogram whenever the row is written. Rows written before
-- this migration get theirs the first time they are read (StatisticsStore.rows); provided rows have none.
ALTER TABLE band_statistics ADD COLUMN histogram jsonb;
