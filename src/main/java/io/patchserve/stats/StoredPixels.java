package io.patchserve.stats;

import io.patchserve.catalog.StoredAsset;

import java.util.List;
import java.util.Map;

/** Decodes the pixels an item's stored data holds, every band at full size (the crops implement it). */
public interface StoredPixels {

    List<BandSeries> read(String collectionId, String itemId, Map<String, StoredAsset> assets);
}
