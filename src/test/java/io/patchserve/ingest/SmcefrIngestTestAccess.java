package io.patchserve.ingest;

import java.util.List;

/** Lets tests in other packages list a collection's objects in the bucket, as SmcefrIngestTest does. */
public final class SmcefrIngestTestAccess {
    private SmcefrIngestTestAccess() {
    }

    public static List<String> objectKeys(String collection) {
        return SmcefrIngestTest.objectKeys(collection);
    }
}
