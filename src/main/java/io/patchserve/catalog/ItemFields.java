package io.patchserve.catalog;

/** Item properties that mean the same in every dataset, whichever format wrote them. */
public final class ItemFields {

    /**
     * The split an item belongs to ("train", "validation", "test", ... as its release names them): what a
     * DataLoader is built over and statistics are given per. Searched through a column of its own.
     */
    public static final String SPLIT = "split";

    private ItemFields() {
    }
}
