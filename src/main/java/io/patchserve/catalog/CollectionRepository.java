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
        requirePossible(collectionId);
        return findByIdOptional(collectionId)
                .orElseThrow(() -> ApiException.notFound("collection '" + collectionId + "' does not exist"));
    }

    /** 400 for an id holding a NUL, 404 for one no collection can have: the database is not asked either way. */
    public void requirePossible(String collectionId) {
        if (collectionId.indexOf('\0') >= 0) {
            throw ApiException.badRequest("a value in the request contains a character that cannot be stored or matched (e.g. NUL)");
        }
        if (!CatalogWriter.isValidCollectionId(collectionId)) {
            throw ApiException.notFound("collection '" + collectionId + "' does not exist");
        }
    }

    public List<CollectionEntity> listAllById() {
        return listAll(Sort.by("id"));
    }
}
