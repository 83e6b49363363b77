-- A release's own statistics file, as published (json keeps its text and key order: exports in the release's
-- layout write it back unchanged), and the per-kind sets it holds: MMEarth's Sentinel-2 statistics are one set
-- for L1C rows and one for L2A rows, chosen by the item property named in selector (issue #17).
-- Whole-collection provided values stay in band_statistics (split '', source = the file's name).
CREATE TABLE provided_statistics (
    collection_id text PRIMARY KEY REFERENCES collection (id) ON DELETE CASCADE,
    source        text NOT NULL,
    selector      text,
    variants      json NOT NULL,
    document      json NOT NULL,
    updated       timestamptz NOT NULL DEFAULT now()
);
