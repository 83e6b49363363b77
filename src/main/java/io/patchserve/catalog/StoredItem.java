package io.patchserve.catalog;

/**
 * An item's stored STAC JSON ({@link StoredItemJson}), in UTF-8 as the database sent it, with the names its
 * URLs are made of.
 */
public record StoredItem(String collectionId, String itemId, byte[] json) {
}
