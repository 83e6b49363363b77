package io.patchserve.release;

import io.patchserve.http.ReleaseIds;

import java.time.Instant;
import java.util.List;

/** A release of a collection: its version name, when it was made, the publisher's notes and its DOI, once attached. */
public record Release(String collectionId, String version, Instant released, String notes, String doi) {

    /** The id its frozen copy is stored and identified under. */
    public String id() {
        return ReleaseIds.of(collectionId, version);
    }

    /** Where release {@code version} stands in a collection's {@code releases} (oldest first); it must be there. */
    static int indexIn(List<Release> releases, String version) {
        for (int i = 0; i < releases.size(); i++) {
            if (releases.get(i).version().equals(version)) {
                return i;
            }
        }
        throw new IllegalStateException("release " + version + " has a frozen copy but no record");
    }
}
