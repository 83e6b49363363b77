package io.patchserve.crop;

import io.patchserve.config.CropConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Recently cropped items' data, least recently used out first, bounded in bytes. Object keys name their
 * content, so an entry is never stale: a changed item has a new key.
 */
@ApplicationScoped
public class ItemDataCache {

    private final long capacity;
    private final LinkedHashMap<String, ItemData> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long used;

    public ItemDataCache(CropConfig config) {
        this.capacity = config.cacheBytes();
    }

    ItemData get(String objectKey, Callable<ItemData> load) throws Exception {
        synchronized (this) {
            ItemData hit = entries.get(objectKey);
            if (hit != null) {
                return hit;
            }
        }
        // loaded outside the lock: two requests for the same new item may both load it, which is harmless
        ItemData loaded = load.call();
        synchronized (this) {
            if (loaded.weight() <= capacity && !entries.containsKey(objectKey)) {
                entries.put(objectKey, loaded);
                used += loaded.weight();
                Iterator<Map.Entry<String, ItemData>> eldest = entries.entrySet().iterator();
                while (used > capacity && eldest.hasNext()) {
                    used -= eldest.next().getValue().weight();
                    eldest.remove();
                }
            }
        }
        return loaded;
    }
}
