package io.patchserve.search;

/** What a search returns for each item. */
public enum ItemForm {
    /** The item's columns, for callers that use its fields (bundles, the fields extension). */
    ROWS,
    /** The item's stored STAC JSON where it has a current one (its columns otherwise), for search pages. */
    STORED_JSON
}
