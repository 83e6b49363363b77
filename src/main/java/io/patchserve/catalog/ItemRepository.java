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

    public long countIn(String collectionId) {
        return count("collectionId", collectionId);
    }
}
