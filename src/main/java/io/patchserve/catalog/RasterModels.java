package io.patchserve.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.patchserve.config.CacheConfig;
import io.patchserve.raster.RasterModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Optional;

/**
 * Collections' raster models (bands, groups, the band order every list of bands follows), held for {@code patchserve.cache.collection-metadata-ttl}: crops and statistics need the
 * model on every request and it changes only when a publisher edits the collection (this replica forgets at once; others
 * within the lifetime).
 */
@ApplicationScoped
public class RasterModels {

    private final LoadingCache<String, Optional<RasterModel>> models;

    public RasterModels(CatalogService catalog, ObjectMapper mapper, CacheConfig config) {
        this.models = Caffeine.newBuilder()
                .expireAfterWrite(config.collectionMetadataTtl())
                .maximumSize(config.maxCollections())
                // in a transaction of its own when there is none: item JSON is also rendered on ingest workers
                .build(collectionId -> io.quarkus.narayana.jta.QuarkusTransaction.joiningExisting().call(() ->
                        Optional.ofNullable(catalog.collection(collectionId).extra.get(RasterModel.KEY))
                                .map(declared -> mapper.convertValue(declared, RasterModel.class))));
    }

    /** The collection's declared model (empty when it declares none); 404 for an unknown collection. */
    public Optional<RasterModel> of(String collectionId) {
        return models.get(collectionId);
    }

    void onChange(@Observes CatalogChanged change) {
        models.invalidate(change.collectionId());
    }
}
