-- Per collection, split ('' = every item) and band: the running statistics that ingest merges into.
-- count/mean/m2 combine with Chan's formula; the histogram (non-empty bins only) gives percentiles.
-- Rows with source = 'provided' hold a release's own statistics (mean/std/min/max) instead.
CREATE TABLE band_statistics (
    collection_id text NOT NULL REFERENCES collection (id) ON DELETE CASCADE,
    split         text NOT NULL,
    band          text NOT NULL,
    data_type     text NOT NULL,
    source        text NOT NULL,
    count         bigint,
    mean          double precision,
    m2            double precision,
    std           double precision,
    min           double precision,
    max           double precision,
    p2            double precision,
    p98           double precision,
    hist_keys     integer[],
    hist_counts   bigint[],
    updated       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (collection_id, split, band)
);
