package io.patchserve.crop;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.patchserve.config.CacheConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;

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

    /** Reads an item's data through the cache; requests for the same object wait for one load rather than each loading it. */
    ItemData get(String objectKey, Loader load) throws IOException {
        try {
            return entries.get(objectKey, key -> {
                try {
                    return load.load();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @FunctionalInterface
    interface Loader {
        ItemData load() throws IOException;
    }
}
