package io.patchserve.stats;

import io.patchserve.catalog.StoredAsset;
import io.patchserve.raster.Band;
import io.patchserve.raster.BandArray;

import java.util.List;
import java.util.Map;

/** Decodes the pixels an item's stored data holds, every band at full size (the crops implement it). */
public interface StoredPixels {

    /** One band of an item and its pixels. */
    record BandPixels(Band band, BandArray pixels) {
    }

    List<BandPixels> read(String collectionId, String itemId, Map<String, StoredAsset> assets);
}
