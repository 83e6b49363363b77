package io.patchserve.storage;

import java.util.Set;

/**
 * Which objects the index names, as the sweep of unreferenced objects asks it: implemented by the catalog,
 * so that storage, which the catalog writes through, does not depend on the catalog in turn.
 */
public interface ReferencedObjects {

    /** The object keys the item {@code collectionId}/{@code itemId} names; empty when there is no such item. */
    Set<String> objectKeys(String collectionId, String itemId);
}
