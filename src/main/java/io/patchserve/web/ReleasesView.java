package io.patchserve.web;

import io.patchserve.release.ChangelogStore;
import io.patchserve.release.Release;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The releases part of a collection's page: on a release, which one it is and whether a newer one exists; on
 * either, the list of releases and the changes against the one before (for the collection: its changes not yet
 * released), the first few listed and the whole changelog linked.
 *
 * @param version  this release's version; null on the collection itself
 * @param changesOf what the changes are measured against, in words
 */
public record ReleasesView(String version, String released, String notes, String collectionId, String collectionHref,
                           String latestVersion, String latestHref, boolean newer, List<Row> releases, String changesOf,
                           ChangelogStore.Summary summary, List<Change> changes, String changelogHref) {

    /** How many changed items the page lists; the changelog JSON has them all. */
    static final int LISTED = 20;

    public record Row(String version, String href, String released, String doi, boolean current) {
    }

    /** One changed item, with what changed in words. */
    public record Change(String id, String href, String change, String detail) {
    }

    public boolean shown() {
        return !releases.isEmpty();
    }

    public boolean more() {
        return summary.added() + summary.changed() + summary.withdrawn() > changes.size();
    }

    static ReleasesView of(String version, List<Release> all, Function<String, String> collectionHref, String collectionId,
                           ChangelogStore.Summary summary, List<ChangelogStore.Entry> entries,
                           Function<ChangelogStore.Entry, String> itemHref, String changesOf, String changelogHref) {
        List<Row> rows = new ArrayList<>();
        Release current = null;
        for (Release r : all) {
            boolean here = r.version().equals(version);
            current = here ? r : current;
            rows.add(new Row(r.version(), collectionHref.apply(r.id()), day(r.released().toString()), r.doi() == null ? "" : r.doi(), here));
        }
        Release latest = all.getLast();
        List<Change> changes = entries.stream().map(e -> new Change(e.id(), e.change().equals("withdrawn") ? null : itemHref.apply(e),
                e.change(), detail(e))).toList();
        return new ReleasesView(version, current == null ? "" : day(current.released().toString()),
                current == null || current.notes() == null ? "" : current.notes(), collectionId,
                collectionHref.apply(collectionId), latest.version(), collectionHref.apply(latest.id()),
                current != null && current != latest, rows, changesOf, summary, changes, changelogHref);
    }

    /** What changed in an item, in words: labels and split with their values, then the assets and other properties. */
    static String detail(ChangelogStore.Entry e) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, ChangelogStore.Values> l : e.labels().entrySet()) {
            parts.add(l.getKey() + ": " + l.getValue().before() + " → " + l.getValue().after());
        }
        if (e.split() != null) {
            parts.add("split: " + e.split().before() + " → " + e.split().after());
        }
        if (!e.assets().isEmpty()) {
            parts.add("new bytes: " + String.join(", ", e.assets()));
        }
        if (!e.properties().isEmpty()) {
            parts.add("properties: " + String.join(", ", e.properties()));
        }
        return String.join("; ", parts);
    }

    private static String day(String instant) {
        return instant.substring(0, Math.min(10, instant.length()));
    }
}
