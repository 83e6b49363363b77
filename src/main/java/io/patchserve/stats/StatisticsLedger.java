package io.patchserve.stats;

import io.patchserve.catalog.CountedPixels;
import io.patchserve.catalog.StoredAsset;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Takes a leaving item's pixels out of its collection's statistics: it reads the item's stored data once, counts
 * it as ingest did and subtracts that. Storing every item's own histogram instead would cost tens of kilobytes
 * per item; a deletion, a relabel or a move between splits is rare beside the reads.
 */
@ApplicationScoped
public class StatisticsLedger implements CountedPixels {

    private final StoredPixels pixels;
    private final StatisticsStore store;

    public StatisticsLedger(StoredPixels pixels, StatisticsStore store) {
        this.pixels = pixels;
        this.store = store;
    }

    @Override
    public void takeOut(Connection connection, String collectionId, String itemId, String split,
                        Map<String, StoredAsset> assets) throws SQLException {
        Map<String, BandAccumulator> bands = new HashMap<>();
        for (BandSeries b : pixels.read(collectionId, itemId, assets)) {
            BandAccumulator accumulator = new BandAccumulator(b.band().dataType());
            BandAccumulator.addSeries(b.steps(), b.masks(), b.band(), accumulator);
            bands.put(b.band().name(), accumulator);
        }
        store.subtract(connection, collectionId, itemId, split, bands);
    }
}
