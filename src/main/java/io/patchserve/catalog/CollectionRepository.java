package io.patchserve.catalog;

import io.patchserve.error.ApiException;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class CollectionRepository implements PanacheRepositoryBase<CollectionEntity, String> {

    /** The collection, or the 404 that names it. */
    public CollectionEntity require(String collectionId) {
        return findByIdOptional(collectionId)
                .orElseThrow(() -> ApiException.notFound("collection '" + collectionId + "' does not exist"));
    }

    public List<CollectionEntity> listAllById() {
        return listAll(Sort.by("id"));
    }
}
