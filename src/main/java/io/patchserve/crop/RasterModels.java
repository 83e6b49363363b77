package io.patchserve.crop;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchserve.catalog.CatalogChanged;
import io.patchserve.catalog.CatalogService;
import io.patchserve.catalog.CollectionEntity;
import io.patchserve.raster.RasterModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collections' raster models, kept for a few seconds: a crop needs the model on every request and it changes
 * only when a publisher edits the collection (this replica forgets at once; others within the TTL).
 */
@ApplicationScoped
public class RasterModels {

    private static final long TTL_NANOS = 5_000_000_000L;

    private final CatalogService catalog;
    private final ObjectMapper mapper;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public RasterModels(CatalogService catalog, ObjectMapper mapper) {
        this.catalog = catalog;
        this.mapper = mapper;
    }

    private record Entry(long loadedAt, Optional<RasterModel> model, CollectionEntity collection) {
    }

    /** The collection's declared model (empty when it declares none); 404 for an unknown collection. */
    Optional<RasterModel> of(String collectionId) {
        long now = System.nanoTime();
        Entry e = entries.get(collectionId);
        if (e == null || now - e.loadedAt > TTL_NANOS) {
            CollectionEntity c = catalog.collection(collectionId);
            Object declared = c.extra.get(RasterModel.KEY);
            e = new Entry(now, Optional.ofNullable(declared).map(d -> mapper.convertValue(d, RasterModel.class)), c);
            entries.put(collectionId, e);
        }
        return e.model;
    }

    void onChange(@Observes CatalogChanged change) {
        entries.remove(change.collectionId());
    }
}
