package io.patchserve.release;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.patchserve.catalog.StacRenderer;
import io.patchserve.http.Links;
import io.patchserve.http.ReleaseIds;

import java.util.List;
import java.util.Optional;

/** The STAC version extension's fields and links, as a collection's and its releases' documents carry them. */
final class VersionFields {

    static final String VERSION_EXTENSION = "https://stac-extensions.github.io/version/v1.2.0/schema.json";
    private static final String JSON = "application/json";

    private VersionFields() {
    }

    /**
     * Adds to a collection's STAC document what it says about releases: for a release, its version, whether a
     * newer one exists (deprecated), its DOI and the links to its neighbours; for a collection with releases,
     * the links to its latest release and to the list.
     */
    static void annotate(ObjectNode json, String id, List<Release> all, Links links) {
        String collectionId = ReleaseIds.collectionOf(id);
        if (all.isEmpty()) {
            return;
        }
        ArrayNode stacExtensions = json.withArray("stac_extensions");
        if (!stacExtensions.toString().contains(VERSION_EXTENSION)) {
            stacExtensions.add(VERSION_EXTENSION);
        }
        ArrayNode l = json.withArray("links");
        Release latest = all.getLast();
        Optional<String> version = ReleaseIds.versionOf(id);
        if (version.isEmpty()) {
            ArrayNode list = json.putArray("patchserve:releases");
            for (Release r : all) {
                ObjectNode entry = list.addObject();
                entry.put("version", r.version());
                entry.put("released", r.released().toString());
                entry.put("doi", r.doi());
                entry.put("href", links.collection(r.id()));
            }
            StacRenderer.link(l, "latest-version", links.collection(latest.id()), JSON, "Latest release, " + latest.version());
            StacRenderer.link(l, "version-history", links.releases(collectionId), JSON, "Releases");
            StacRenderer.link(l, "changelog", links.collection(collectionId) + "/changelog", JSON,
                    "Changes since " + latest.version() + ", not yet released");
            return;
        }
        int at = Release.indexIn(all, version.get());
        Release release = all.get(at);
        json.put("version", release.version());
        json.put("deprecated", at < all.size() - 1);
        if (release.doi() != null) {
            json.put("sci:doi", release.doi());
        }
        ObjectNode about = json.putObject("patchserve:release");
        about.put("collection", collectionId);
        about.put("version", release.version());
        about.put("released", release.released().toString());
        about.put("notes", release.notes());
        about.put("doi", release.doi());
        if (at > 0) {
            StacRenderer.link(l, "predecessor-version", links.collection(all.get(at - 1).id()), JSON, all.get(at - 1).version());
        }
        if (at < all.size() - 1) {
            StacRenderer.link(l, "successor-version", links.collection(all.get(at + 1).id()), JSON, all.get(at + 1).version());
            StacRenderer.link(l, "latest-version", links.collection(latest.id()), JSON, latest.version());
        }
        StacRenderer.link(l, "version-history", links.releases(collectionId), JSON, "Releases");
        StacRenderer.link(l, "changelog", links.collection(id) + "/changelog", JSON, "Changes from "
                + (at > 0 ? all.get(at - 1).version() : "nothing (the first release)"));
    }
}
