package io.patchserve.crop;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.patchserve.config.CacheConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;

/**
 * Recently cropped items' data, bounded in bytes (Caffeine's size-based eviction, which keeps the entries used
 * most often and most recently). Object keys name their content, so an entry is never stale: a changed item has
 * a new key.
 */
@ApplicationScoped
public class ItemDataCache {

    private final Cache<String, ItemData> entries;

    public ItemDataCache(CacheConfig config) {
        this.entries = Caffeine.newBuilder()
                .maximumWeight(config.itemDataBytes())
                .weigher((String key, ItemData data) -> (int) Math.min(Integer.MAX_VALUE, data.weight()))
                .build();
    }

    /**
     * Reads an item's data through the cache. The load (an S3 read and a decode) runs outside the cache's own
     * locking, which would hold other keys of the same hash bin while S3 answers: two requests for the same new
     * item may both load it, which is harmless.
     */
    ItemData get(String objectKey, Loader load) throws IOException {
        ItemData hit = entries.getIfPresent(objectKey);
        if (hit != null) {
            return hit;
        }
        ItemData loaded = load.load();
        entries.put(objectKey, loaded);
        return loaded;
    }

    @FunctionalInterface
    interface Loader {
        ItemData load() throws IOException;
    }
}
