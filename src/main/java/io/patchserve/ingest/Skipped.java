package io.patchserve.ingest;

/** A source file that was not ingested, and why. */
public record Skipped(String source, String reason) implements IngestEntry {
}
