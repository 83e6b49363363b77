package io.patchserve.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchserve.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
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
    private final ObjectStore store;
    private final ObjectMapper mapper;

    public TransactionService(CatalogWriter writer, ObjectStore store, ObjectMapper mapper) {
        this.writer = writer;
        this.store = store;
        this.mapper = mapper;
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
        List<String> keys = writer.deleteItem(collectionId, itemId);
        for (String key : keys) {
            try {
                store.delete(key);
            } catch (RuntimeException e) {
                LOG.warnf("item %s/%s deleted, but not its object %s: %s", collectionId, itemId, key, e.getMessage());
            }
        }
    }
}
