package io.patchserve.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Takes an item's pixels out of its collection's statistics, in the transaction that deletes or replaces the
 * item's row, so that the statistics cover exactly the items served whatever stops when. The statistics
 * implement it (they depend on the catalog, not the reverse).
 */
public interface CountedPixels {

    /**
     * Takes out the pixels of the item as stored now: its data objects ({@code assets}, still in the object store
     * until the transaction has committed) under {@code split} (null when the collection has none).
     */
    void takeOut(Connection connection, String collectionId, String itemId, String split,
                 Map<String, StoredAsset> assets) throws SQLException;
}
