package io.patchserve.catalog;

/** Item properties that mean the same in every dataset, whichever format wrote them. */
public final class ItemFields {

    /**
     * The split an item belongs to ("train", "validation", "test", ... as its release names them): what a
     * DataLoader is built over and statistics are given per. Searched through a column of its own.
     */
    public static final String SPLIT = "split";

    /** MMEarth: the row's entry of the release's tile_info.json, as published (exports write it back). */
    public static final String MMEARTH_TILE_INFO = "mmearth:tile_info";

    /** MMEarth: the row's Sentinel-2 product type, "l1c" or "l2a" (which statistics normalise it). */
    public static final String MMEARTH_S2_TYPE = "mmearth:s2_type";

    /**
     * Per band group with a time axis, its steps in order: {group: [{datetime, ...format's own fields}, ...]}.
     * Crops, stacks and pages read the steps from here (a stack lays out its time axis before reading any item).
     */
    public static final String STEPS = "patchserve:steps";

    /**
     * Named selections of steps, such as a generation's context and target frames: {name: {group: [step, ...]}};
     * crops take a name as {@code step=}.
     */
    public static final String SELECTIONS = "patchserve:selections";

    private ItemFields() {
    }
}
