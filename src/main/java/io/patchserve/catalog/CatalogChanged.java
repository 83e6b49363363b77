package io.patchserve.catalog;

/** Fired after a write to a collection's row, so that in-process caches of collection metadata drop it. */
public record CatalogChanged(String collectionId) {
}
