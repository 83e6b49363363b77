package io.patchserve.ingest.mmearth;

import java.util.Map;

/**
 * The columns of MMEarth's compound {@code metadata} dataset, in both published forms: {@code tile_id} and
 * {@code S2_type} (the per-source files), or {@code tile_id} alone (merged files, whose product type is in
 * tile_info). Columns are found by name; a file naming its first column otherwise (early releases) has its tile
 * ids there.
 */
final class MetadataColumns {

    static final String TILE_ID = "tile_id";
    static final String S2_TYPE = "S2_type";

    private MetadataColumns() {
    }

    static String[] tileIds(Map<String, Object> columns) {
        Object ids = columns.containsKey(TILE_ID) ? columns.get(TILE_ID) : columns.values().iterator().next();
        if (!(ids instanceof String[] strings)) {
            throw new IllegalArgumentException("the metadata's tile id column holds " + ids.getClass().getSimpleName()
                    + ", not strings");
        }
        return strings;
    }

    /** Each row's S2_type, or nulls when the file has no such column. */
    static String[] s2Types(Map<String, Object> columns, int rows) {
        return columns.get(S2_TYPE) instanceof String[] types ? types : new String[rows];
    }
}
