package io.patchserve.catalog;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ItemRepository implements PanacheRepository<ItemEntity> {

    public Optional<ItemEntity> findItem(String collectionId, String itemId) {
        return find("collectionId = ?1 and itemId = ?2", collectionId, itemId).firstResultOptional();
    }

    /** One page of a collection's items in id order, after {@code afterId} (keyset paging, no OFFSET). */
    public List<ItemEntity> page(String collectionId, String afterId, int limit) {
        if (afterId == null) {
            return find("collectionId = ?1 order by itemId", collectionId).page(0, limit).list();
        }
        return find("collectionId = ?1 and itemId > ?2 order by itemId", collectionId, afterId).page(0, limit).list();
    }

    public long countIn(String collectionId) {
        return count("collectionId", collectionId);
    }
}
