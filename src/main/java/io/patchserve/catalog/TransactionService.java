package io.patchserve.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchserve.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Publisher writes (STAC Transactions). Rows are removed first and objects after the commit: a failure in
 * between leaves unreferenced objects (garbage, logged) but never a row that names missing bytes.
 */
@ApplicationScoped
public class TransactionService {

    private static final Logger LOG = Logger.getLogger(TransactionService.class);

    private final CatalogWriter writer;
    private final CatalogService catalog;
    private final ItemStore items;
    private final ObjectStore store;
    private final ObjectMapper mapper;
    private final Event<CatalogChanged> changed;

    public TransactionService(CatalogWriter writer, CatalogService catalog, ItemStore items, ObjectStore store,
                              ObjectMapper mapper, Event<CatalogChanged> changed) {
        this.writer = writer;
        this.catalog = catalog;
        this.items = items;
        this.store = store;
        this.mapper = mapper;
        this.changed = changed;
    }

    public CollectionEntity createCollection(JsonNode body) {
        return writer.createCollection(CollectionRequest.parse(body, null, mapper));
    }

    public CollectionEntity updateCollection(String collectionId, JsonNode body) {
        return writer.updateCollection(CollectionRequest.parse(body, collectionId, mapper));
    }

    public void deleteCollection(String collectionId) {
        writer.deleteCollection(collectionId);
        try {
            long n = store.deletePrefix(collectionId + "/");
            LOG.infof("deleted collection %s and its %d objects", collectionId, n);
        } catch (RuntimeException e) {
            LOG.warnf("collection %s deleted, but its objects could not all be deleted: %s", collectionId, e.getMessage());
        }
    }

    public void deleteItem(String collectionId, String itemId) {
        catalog.collection(collectionId); // 404 naming the collection first
        CatalogWriter.requireNotRelease(collectionId);
        List<String> keys = items.delete(collectionId, itemId);
        changed.fire(new CatalogChanged(collectionId));
        for (String key : keys) {
            try {
                store.delete(key);
            } catch (RuntimeException e) {
                LOG.warnf("item %s/%s deleted, but not its object %s: %s", collectionId, itemId, key, e.getMessage());
            }
        }
    }
}
