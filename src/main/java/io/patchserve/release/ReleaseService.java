package io.patchserve.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchserve.card.Dois;
import io.patchserve.catalog.CatalogChanged;
import io.patchserve.catalog.CatalogService;
import io.patchserve.catalog.CollectionEntity;
import io.patchserve.catalog.LabelNomenclatures;
import io.patchserve.error.ApiException;
import io.patchserve.error.ErrorCode;
import io.patchserve.http.Links;
import io.patchserve.http.ReleaseIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Releases: making one (a frozen copy of the collection as it is), listing them, attaching a DOI, and what a
 * collection's STAC document says about them (the STAC version extension's fields and links).
 */
@ApplicationScoped
public class ReleaseService {

    private static final int MAX_NOTES = 10_000;
    private static final Set<String> CREATE_FIELDS = Set.of("version", "notes", "doi");

    private final ReleaseStore store;
    private final ChangelogStore changes;
    private final CatalogService catalog;
    private final Event<CatalogChanged> changed;

    public ReleaseService(ReleaseStore store, ChangelogStore changes, CatalogService catalog, Event<CatalogChanged> changed) {
        this.store = store;
        this.changes = changes;
        this.catalog = catalog;
        this.changed = changed;
    }

    /** A release request's body: {@code {"version": "v1.0", "notes": "...", "doi": "10.…"}}. */
    public Release release(String collectionId, JsonNode body) {
        requireObject(body, CREATE_FIELDS, "a release is {\"version\": \"v1.0\", \"notes\": \"...\", \"doi\": \"10.…\"}");
        return release(collectionId, text(body, "version"), text(body, "notes"), text(body, "doi"));
    }

    /** Freezes the collection as it is now as release {@code version}; 409 when that version exists. */
    public Release release(String collectionId, String version, String notes, String doi) {
        if (ReleaseIds.isRelease(collectionId)) {
            throw ApiException.badRequest("'" + collectionId + "' is a release; releases are made of collections");
        }
        catalog.collection(collectionId);
        if (version == null) {
            throw ApiException.badRequest("a release needs a version name, e.g. \"version\": \"v1.0\"");
        }
        if (!ReleaseIds.isValidVersion(version)) {
            throw ApiException.badRequest("version '" + version + "' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (notes != null && notes.length() > MAX_NOTES) {
            throw ApiException.badRequest("notes are " + notes.length() + " characters, more than the " + MAX_NOTES + " kept");
        }
        Release release = new Release(collectionId, version, Instant.now().truncatedTo(ChronoUnit.MICROS), notes,
                doi == null ? null : doi(doi));
        store.create(release).ifPresent(refusal -> {
            throw new ApiException(refusal.code(), refusal.reason());
        });
        changed.fire(new CatalogChanged(collectionId));
        changed.fire(new CatalogChanged(release.id()));
        return release;
    }

    /** The collection's releases, oldest first; 404 when there is no such collection. */
    public List<Release> releases(String collectionId) {
        if (ReleaseIds.isRelease(collectionId)) {
            throw ApiException.notFound("'" + collectionId + "' is a release; releases are listed at "
                    + Links.collectionPath(ReleaseIds.collectionOf(collectionId)) + "/releases");
        }
        catalog.collection(collectionId);
        return store.list(collectionId);
    }

    /** The release; 404 naming what is missing. */
    public Release require(String collectionId, String version) {
        catalog.collection(ReleaseIds.of(collectionId, version)); // the 404 that names the collection or the release
        return store.find(collectionId, version).orElseThrow(() -> ApiException.notFound(
                "collection '" + collectionId + "' has no release '" + version + "'"));
    }

    /** Attaches a DOI, once: the same DOI again is accepted, another is a conflict (a DOI names one release forever). */
    public Release attachDoi(String collectionId, String version, JsonNode body) {
        requireObject(body, Set.of("doi"), "a release's only later field is its DOI: {\"doi\": \"10.5281/zenodo.123\"}");
        String written = text(body, "doi");
        if (written == null) {
            throw ApiException.badRequest("the body names no doi: {\"doi\": \"10.5281/zenodo.123\"}");
        }
        String doi = doi(written);
        Release release = require(collectionId, version);
        if (release.doi() != null && !release.doi().equals(doi)) {
            throw new ApiException(ErrorCode.CONFLICT, "release " + version + " of '" + collectionId + "' has DOI " + release.doi()
                    + ", which names it for good; a DOI is attached once");
        }
        if (release.doi() == null && !store.attachDoi(release, doi)) {
            return attachDoi(collectionId, version, body); // another request attached one meanwhile: judge against it
        }
        changed.fire(new CatalogChanged(release.id()));
        return new Release(release.collectionId(), release.version(), release.released(), release.notes(), doi);
    }

    /** Adds to a collection's STAC document what it says about releases (see {@link VersionFields}). */
    public void annotate(ObjectNode json, String id, Links links) {
        VersionFields.annotate(json, id, store.list(ReleaseIds.collectionOf(id)), links);
    }

    /**
     * What a changelog compares: a release with its predecessor, or a collection with its latest release (its
     * changes not yet released). The previous side is null when there is none.
     */
    public record Comparison(String collectionId, Release current, Release previous, String currentId, String previousId,
                             List<String> labelProperties, List<String> collectionChanges) {
    }

    public Comparison comparison(String id) {
        CollectionEntity now = catalog.collection(id);
        String collectionId = ReleaseIds.collectionOf(id);
        List<Release> all = store.list(collectionId);
        Release current = null;
        Release previous = all.isEmpty() ? null : all.getLast();
        if (ReleaseIds.isRelease(id)) {
            int at = Release.indexIn(all, ReleaseIds.versionOf(id).orElseThrow());
            current = all.get(at);
            previous = at > 0 ? all.get(at - 1) : null;
        }
        CollectionEntity before = previous == null ? null : catalog.collection(previous.id());
        Set<String> labels = new TreeSet<>(LabelNomenclatures.of(now).properties());
        if (before != null) {
            labels.addAll(LabelNomenclatures.of(before).properties());
        }
        return new Comparison(collectionId, current, previous, id, previous == null ? null : previous.id(),
                List.copyOf(labels), before == null ? List.of() : collectionChanges(before, now));
    }

    public ChangelogStore.Summary summary(Comparison comparison) {
        return changes.summary(comparison.currentId(), comparison.previousId(), comparison.labelProperties());
    }

    public void forEachChange(Comparison comparison, long limit, ChangelogStore.EntryVisitor visitor) throws java.io.IOException {
        changes.forEachEntry(comparison.currentId(), comparison.previousId(), comparison.labelProperties(), limit, visitor);
    }

    /** The publisher-owned fields that differ between two states of a collection (its items' changes aside). */
    static List<String> collectionChanges(CollectionEntity before, CollectionEntity after) {
        List<String> fields = new ArrayList<>();
        Map<String, Object> b = fields(before);
        Map<String, Object> a = fields(after);
        Set<String> names = new TreeSet<>(b.keySet());
        names.addAll(a.keySet());
        for (String name : names) {
            if (!Objects.equals(b.get(name), a.get(name))) {
                fields.add(name);
            }
        }
        return fields;
    }

    private static Map<String, Object> fields(CollectionEntity c) {
        Map<String, Object> fields = new LinkedHashMap<>(c.extra == null ? Map.of() : c.extra);
        fields.put("title", c.title);
        fields.put("description", c.description);
        fields.put("license", c.license);
        fields.put("keywords", c.keywords);
        return fields;
    }

    private static String doi(String written) {
        return Dois.parse(written).orElseThrow(() -> ApiException.badRequest(Dois.problem("doi", written)));
    }

    private static void requireObject(JsonNode body, Set<String> fields, String form) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object: " + form);
        }
        for (var i = body.fieldNames(); i.hasNext(); ) {
            String name = i.next();
            if (!fields.contains(name)) {
                throw ApiException.badRequest("unknown field '" + name + "'; " + form);
            }
            if (!body.get(name).isTextual() && !body.get(name).isNull()) {
                throw ApiException.badRequest("'" + name + "' must be a string; " + form);
            }
        }
    }

    private static String text(JsonNode body, String name) {
        JsonNode value = body.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

}
