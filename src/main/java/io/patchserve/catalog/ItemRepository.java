package io.patchserve.catalog;

import io.patchserve.error.ApiException;
import io.patchserve.storage.ReferencedObjects;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

@ApplicationScoped
public class ItemRepository implements PanacheRepository<ItemEntity>, ReferencedObjects {

    public Optional<ItemEntity> findItem(String collectionId, String itemId) {
        return find("collectionId = ?1 and itemId = ?2", collectionId, itemId).firstResultOptional();
    }

    /** The item, or the 404 that names it and its collection. */
    public ItemEntity require(String collectionId, String itemId) {
        return findItem(collectionId, itemId).orElseThrow(() -> ApiException.notFound(
                "item '" + itemId + "' does not exist in collection '" + collectionId + "'"));
    }

    @Override
    public java.util.Set<String> objectKeys(String collectionId, String itemId) {
        return findItem(collectionId, itemId)
                .map(item -> item.assets.values().stream().map(StoredAsset::objectKey).collect(java.util.stream.Collectors.toSet()))
                .orElse(java.util.Set.of());
    }

}
