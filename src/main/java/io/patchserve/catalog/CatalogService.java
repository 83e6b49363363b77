package io.patchserve.catalog;

import io.patchserve.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/** Reads of the catalog, with the 404s that name what is missing. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CatalogService {

    private final CollectionRepository collections;
    private final ItemRepository items;

    public CatalogService(CollectionRepository collections, ItemRepository items) {
        this.collections = collections;
        this.items = items;
    }

    public List<CollectionEntity> collections() {
        return collections.listAllById();
    }

    public CollectionEntity collection(String collectionId) {
        return collections.require(collectionId);
    }

    public ItemEntity item(String collectionId, String itemId) {
        collection(collectionId);
        return items.require(collectionId, itemId);
    }

    public StoredAsset asset(String collectionId, String itemId, String assetKey) {
        ItemEntity item = item(collectionId, itemId);
        StoredAsset asset = item.assets.get(assetKey);
        if (asset == null) {
            throw ApiException.notFound("item '" + itemId + "' has no asset '" + assetKey + "'; its assets are " + item.assets.keySet());
        }
        return asset;
    }
}
