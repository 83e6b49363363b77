package io.patchserve.catalog;

import io.patchserve.error.ApiException;
import io.patchserve.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Writes to collections (through Panache), each in its own transaction; items are written by {@link ItemStore}. */
@ApplicationScoped
public class CatalogWriter {

    private static final Pattern COLLECTION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final CollectionRepository collections;
    private final Event<CatalogChanged> changed;

    public CatalogWriter(CollectionRepository collections, Event<CatalogChanged> changed) {
        this.collections = collections;
        this.changed = changed;
    }

    public static void requireValidCollectionId(String id) {
        if (id == null || !COLLECTION_ID.matcher(id).matches()) {
            throw ApiException.badRequest("collection id '" + id + "' must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    /** Creates the collection unless it exists; an existing collection's metadata is left as its owner set it. */
    @Transactional
    public boolean ensureCollection(NewCollection draft) {
        requireValidCollectionId(draft.id());
        if (collections.findByIdOptional(draft.id()).isPresent()) {
            return false;
        }
        CollectionEntity c = new CollectionEntity();
        c.id = draft.id();
        describe(c, draft);
        collections.persist(c);
        changed.fire(new CatalogChanged(c.id));
        return true;
    }

    /** Creates a collection from a publisher's request; 409 when the id is taken. */
    @Transactional
    public CollectionEntity createCollection(NewCollection draft) {
        if (!ensureCollection(draft)) {
            throw new ApiException(ErrorCode.CONFLICT, "collection '" + draft.id() + "' already exists; PUT it to change it");
        }
        return collections.findById(draft.id());
    }

    /** Replaces a collection's metadata (not its items, extent or counts); 404 when it does not exist. */
    @Transactional
    public CollectionEntity updateCollection(NewCollection draft) {
        CollectionEntity c = collections.require(draft.id());
        describe(c, draft);
        changed.fire(new CatalogChanged(c.id));
        return c;
    }

    /** The publisher-owned metadata of a collection: everything but its id, extent, counts and queryables. */
    private static void describe(CollectionEntity c, NewCollection draft) {
        c.title = draft.title();
        c.description = draft.description();
        c.license = draft.license();
        c.keywords = new ArrayList<>(draft.keywords());
        c.extra = new LinkedHashMap<>(draft.extra());
        c.updated = Instant.now();
    }

    /** Deletes the collection and its items (rows only: the caller deletes the objects after the commit). */
    @Transactional
    public void deleteCollection(String collectionId) {
        if (collections.deleteById(collectionId)) {
            changed.fire(new CatalogChanged(collectionId));
            return;
        }
        throw ApiException.notFound("collection '" + collectionId + "' does not exist");
    }

    /**
     * Widens the collection's extent, adds to its item count and merges in newly seen queryables, under a row
     * lock so that concurrent loads of one collection do not lose each other's additions.
     */
    @Transactional
    public void mergeSummary(String collectionId, CollectionSummary summary) {
        if (summary.isEmpty()) {
            return;
        }
        CollectionEntity c = collections.getEntityManager().find(CollectionEntity.class, collectionId,
                jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        var box = summary.footprint();
        if (box != null) {
            c.extentWest = c.extentWest == null ? box.getMinX() : Math.min(c.extentWest, box.getMinX());
            c.extentSouth = c.extentSouth == null ? box.getMinY() : Math.min(c.extentSouth, box.getMinY());
            c.extentEast = c.extentEast == null ? box.getMaxX() : Math.max(c.extentEast, box.getMaxX());
            c.extentNorth = c.extentNorth == null ? box.getMaxY() : Math.max(c.extentNorth, box.getMaxY());
        }
        c.extentStart = c.extentStart == null || summary.first().isBefore(c.extentStart) ? summary.first() : c.extentStart;
        c.extentEnd = c.extentEnd == null || summary.last().isAfter(c.extentEnd) ? summary.last() : c.extentEnd;
        c.itemCount += summary.inserted();
        Map<String, Object> merged = new LinkedHashMap<>(c.queryables);
        summary.queryables().forEach((name, schema) -> {
            Object known = merged.get(name);
            if (known == null) {
                merged.put(name, schema);
            } else if (known instanceof Map<?, ?> k && "date-time".equals(k.get("format")) && !schema.containsKey("format")
                    && "string".equals(schema.get("type"))) {
                merged.put(name, schema);
            }
        });
        c.queryables = merged;
        c.updated = Instant.now();
        changed.fire(new CatalogChanged(collectionId));
    }

    /** Refreshes the planner's statistics after a bulk load, so that searches get good plans at once. */
    @Transactional
    public void analyze() {
        collections.getEntityManager().createNativeQuery("ANALYZE item").executeUpdate();
    }
}
