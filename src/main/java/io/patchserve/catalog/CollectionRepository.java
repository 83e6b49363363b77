package io.patchserve.catalog;

import io.patchserve.http.Links;
import io.patchserve.http.ReleaseIds;
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
        return findByIdOptional(collectionId).orElseThrow(() -> notFound(collectionId));
    }

    private static ApiException notFound(String collectionId) {
        return ReleaseIds.versionOf(collectionId)
                .map(version -> ApiException.notFound("collection '" + ReleaseIds.collectionOf(collectionId) + "' has no release '"
                        + version + "'; its releases are listed at " + Links.collectionPath(ReleaseIds.collectionOf(collectionId)) + "/releases"))
                .orElseGet(() -> ApiException.notFound("collection '" + collectionId + "' does not exist"));
    }

    /** 400 for an id holding a NUL, 404 for one no collection can have: the database is not asked either way. */
    public void requirePossible(String collectionId) {
        if (collectionId.indexOf('\0') >= 0) {
            throw ApiException.badRequest("a value in the request contains a character that cannot be stored or matched (e.g. NUL)");
        }
        boolean possible = CatalogWriter.isValidCollectionId(ReleaseIds.collectionOf(collectionId))
                && ReleaseIds.versionOf(collectionId).map(ReleaseIds::isValidVersion).orElse(true);
        if (!possible) {
            throw notFound(collectionId);
        }
    }

    /** The collections, not their releases. */
    public List<CollectionEntity> listAllById() {
        return list("id not like ?1", Sort.by("id"), "%" + ReleaseIds.SEPARATOR + "%");
    }
}
