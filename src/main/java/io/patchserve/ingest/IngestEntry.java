package io.patchserve.ingest;

/** What a dataset format makes of one source file: an item to publish, or a skip with its reason. */
public sealed interface IngestEntry permits ItemDraft, Skipped {
}
