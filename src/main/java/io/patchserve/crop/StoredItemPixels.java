package io.patchserve.crop;

import io.patchserve.catalog.StoredAsset;
import io.patchserve.stats.StoredPixels;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/** An item's stored pixels as the statistics read them back: decoded as crops decode them. */
@ApplicationScoped
public class StoredItemPixels implements StoredPixels {

    private final CropService crops;

    public StoredItemPixels(CropService crops) {
        this.crops = crops;
    }

    @Override
    public List<io.patchserve.stats.BandSeries> read(String collectionId, String itemId, Map<String, StoredAsset> assets) {
        return crops.storedBands(collectionId, itemId, assets);
    }
}
