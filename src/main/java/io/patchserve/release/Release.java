package io.patchserve.release;

import io.patchserve.http.ReleaseIds;

import java.time.Instant;

/** A release of a collection: its version name, when it was made, the publisher's notes and its DOI, once attached. */
public record Release(String collectionId, String version, Instant released, String notes, String doi) {

    /** The id its frozen copy is stored and identified under. */
    public String id() {
        return ReleaseIds.of(collectionId, version);
    }
}
