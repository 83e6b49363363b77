package io.patchserve.ingest;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * An import as its status shows it, from the replica running it or from PostGIS (any replica):
 * {@code running}, {@code succeeded}, {@code failed}, or {@code interrupted} (running, but its replica stopped
 * beating: it died or was killed; POST …/resume runs it again).
 *
 * @param request the import's body as posted (format, source, and what it states)
 */
public record ImportStatus(String id, String collectionId, JsonNode request, String isolation, String state,
                           Instant startedAt, Instant finishedAt, ReportSnapshot report) {

    public String format() {
        return request.path("format").asText();
    }

    public String source() {
        return request.path("source").asText();
    }
}
