package io.patchserve.catalog;

/** An item's stored STAC JSON ({@link StoredItemJson}) with the names its URLs are made of. */
public record StoredItem(String collectionId, String itemId, String json) {
}
