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
    private final ItemStore items;

    public CatalogService(CollectionRepository collections, ItemStore items) {
        this.collections = collections;
        this.items = items;
    }

    public List<CollectionEntity> collections() {
        return collections.listAllById();
    }

    /** The collections and their releases' frozen copies. */
    public List<CollectionEntity> collectionsAndReleases() {
        return collections.listAll(io.quarkus.panache.common.Sort.by("id"));
    }

    public CollectionEntity collection(String collectionId) {
        return collections.require(collectionId);
    }

    /** The item; 404 naming the collection when it does not exist, else naming the item. */
    public ItemRow item(String collectionId, String itemId) {
        collection(collectionId);
        return items.require(collectionId, itemId);
    }

    public StoredAsset asset(String collectionId, String itemId, String assetKey) {
        ItemRow item = item(collectionId, itemId);
        StoredAsset asset = item.assets().get(assetKey);
        if (asset == null) {
            throw ApiException.notFound("item '" + itemId + "' has no asset '" + assetKey + "'; its assets are " + item.assets().keySet());
        }
        return asset;
    }
}
