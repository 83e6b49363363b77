-- HTTP imports recorded in PostGIS rather than one replica's memory: any replica answers GET /imports/{id}, and
-- an import whose replica died (its heartbeat stopped) shows as interrupted and can be resumed, which runs the
-- same request again (ingest is idempotent: what landed is found unchanged). No foreign key to collection: the
-- import creates its collection.
CREATE TABLE import_run (
    id            text        PRIMARY KEY,
    collection_id text        NOT NULL,
    request       jsonb       NOT NULL,
    isolation     text        NOT NULL,
    state         text        NOT NULL CHECK (state IN ('running', 'succeeded', 'failed')),
    report        jsonb,
    started       timestamptz NOT NULL,
    finished      timestamptz,
    heartbeat     timestamptz NOT NULL
);
CREATE INDEX import_run_running_idx ON import_run (heartbeat) WHERE state = 'running';
