-- Side files of a release (MMEarth's tile_info.json and splits.json) staged per ingest run, so that ingest
-- looks rows up in batches instead of holding a million-entry map in memory. Unlogged: they are rebuilt by
-- rerunning, never needed after a crash. Rows of finished runs are deleted; stale ones after a day.
CREATE UNLOGGED TABLE ingest_side_tile (
    run_id  uuid        NOT NULL,
    tile_id text        NOT NULL,
    info    jsonb       NOT NULL,
    created timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, tile_id)
);

CREATE UNLOGGED TABLE ingest_side_split (
    run_id    uuid        NOT NULL,
    row_index bigint      NOT NULL,
    split     text        NOT NULL,
    created   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, row_index)
);
