package io.patchserve.catalog;

import io.patchserve.http.Links;
import io.patchserve.http.ReleaseIds;
import io.patchserve.error.ApiException;
import io.patchserve.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    public static boolean isValidCollectionId(String id) {
        return id != null && COLLECTION_ID.matcher(id).matches();
    }

    public static void requireValidCollectionId(String id) {
        if (ReleaseIds.isRelease(id)) {
            throw ApiException.badRequest("collection id '" + id + "' must be 1-128 letters, digits, '.', '_' or '-'; '"
                    + ReleaseIds.SEPARATOR + "' names a release, which is made with POST " + Links.collectionPath(ReleaseIds.collectionOf(id)) + "/releases");
        }
        if (!isValidCollectionId(id)) {
            throw ApiException.badRequest("collection id '" + id + "' must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    /** 409 for a release: it never changes (and the database refuses to change it too: V21). */
    public static void requireNotRelease(String collectionId) {
        ReleaseIds.versionOf(collectionId).ifPresent(version -> {
            throw new ApiException(ErrorCode.CONFLICT, "'" + collectionId + "' is release " + version + " of collection '"
                    + ReleaseIds.collectionOf(collectionId) + "' and never changes; change the collection and release a new version");
        });
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

    /**
     * Creates the collection from its draft with the publisher's changes made, or, when it exists, makes only
     * those changes (what the publisher stated this time), leaving the rest as its owner set it.
     */
    @Transactional
    public void ensureCollection(NewCollection draft, CollectionChanges changes) {
        if (ensureCollection(changes.applyTo(draft)) || changes.isEmpty()) {
            return;
        }
        amend(draft.id(), changes);
    }

    /** Makes the stated changes to a collection; 404 when it does not exist. */
    @Transactional
    public CollectionEntity amend(String collectionId, CollectionChanges changes) {
        requireNotRelease(collectionId);
        CollectionEntity c = collections.require(collectionId);
        c.title = changes.title() != null ? changes.title() : c.title;
        c.description = changes.description() != null ? changes.description() : c.description;
        c.license = changes.license() != null ? changes.license() : c.license;
        c.keywords = changes.keywords() != null ? new ArrayList<>(changes.keywords()) : c.keywords;
        c.extra = new LinkedHashMap<>(changes.extra(c.extra == null ? Map.of() : c.extra));
        c.updated = Instant.now();
        changed.fire(new CatalogChanged(c.id));
        return c;
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
        requireNotRelease(draft.id());
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
        collections.requirePossible(collectionId);
        requireNotRelease(collectionId);
        List<?> releases = collections.getEntityManager().createNativeQuery(
                "SELECT version FROM collection_release WHERE collection_id = :id ORDER BY released")
                .setParameter("id", collectionId).getResultList();
        if (!releases.isEmpty()) {
            throw new ApiException(ErrorCode.CONFLICT, "collection '" + collectionId + "' has releases " + releases
                    + ", which are kept forever, and so is the collection they belong to; withdraw its items instead");
        }
        if (collections.deleteById(collectionId)) {
            changed.fire(new CatalogChanged(collectionId));
            return;
        }
        throw ApiException.notFound("collection '" + collectionId + "' does not exist");
    }

    /**
     * Brings the collection's summary in line with its items after a run: the item count and the extent are
     * recomputed from the rows (so they are exact whatever runs crashed before), and the queryables the run saw
     * are merged into the known ones. Under a row lock, so concurrent runs on one collection do not lose each
     * other's queryables.
     */
    @Transactional
    public void reconcile(String collectionId, CollectionSummary summary) {
        CollectionEntity c = collections.getEntityManager().find(CollectionEntity.class, collectionId,
                LockModeType.PESSIMISTIC_WRITE);
        Object[] totals = (Object[]) collections.getEntityManager().createNativeQuery("""
                SELECT count(*), min(ST_XMin(geometry)), min(ST_YMin(geometry)), max(ST_XMax(geometry)),
                       max(ST_YMax(geometry)), extract(epoch FROM min(t_start)), extract(epoch FROM max(t_end))
                FROM item WHERE collection_id = :id""").setParameter("id", collectionId).getSingleResult();
        c.itemCount = ((Number) totals[0]).longValue();
        c.extentWest = totals[1] == null ? null : ((Number) totals[1]).doubleValue();
        c.extentSouth = totals[2] == null ? null : ((Number) totals[2]).doubleValue();
        c.extentEast = totals[3] == null ? null : ((Number) totals[3]).doubleValue();
        c.extentNorth = totals[4] == null ? null : ((Number) totals[4]).doubleValue();
        c.extentStart = instant(totals[5]);
        c.extentEnd = instant(totals[6]);
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

    /** Seconds since the epoch (microseconds, as PostgreSQL keeps time) as an instant; null for null. */
    private static Instant instant(Object epochSeconds) {
        if (epochSeconds == null) {
            return null;
        }
        BigDecimal seconds = new BigDecimal(epochSeconds.toString());
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        return Instant.ofEpochSecond(whole.longValueExact(), seconds.subtract(whole).movePointRight(9).longValue());
    }

    /** Refreshes the planner's statistics after a bulk load, so that searches get good plans at once. */
    @Transactional
    public void analyze() {
        collections.getEntityManager().createNativeQuery("ANALYZE item").executeUpdate();
    }
}
