-- Reruns mirror the source: a run records the items it found (published, changed or unchanged), and once every
-- shard of the run has finished, the collection's items it did not find are withdrawn. A run's shards (the pods
-- of an indexed Kubernetes Job) share its id; each marks itself finished, and the one that completes the set
-- withdraws, under the run row's lock, so exactly one does.
CREATE TABLE ingest_run (
    id              uuid        PRIMARY KEY,
    collection_id   text        NOT NULL REFERENCES collection (id) ON DELETE CASCADE,
    shards          integer     NOT NULL CHECK (shards >= 1),
    finished_shards integer[]   NOT NULL DEFAULT '{}',
    started         timestamptz NOT NULL DEFAULT now(),
    withdrawn       bigint,
    finished        timestamptz
);

CREATE TABLE ingest_seen (
    run_id  uuid NOT NULL REFERENCES ingest_run (id) ON DELETE CASCADE,
    item_id text NOT NULL,
    PRIMARY KEY (run_id, item_id)
);
