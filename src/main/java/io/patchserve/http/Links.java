package io.patchserve.http;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Absolute URLs of this request's API resources, right behind a gateway (see {@link ExternalBaseUrl}). */
@RequestScoped
public class Links {

    @Inject
    HttpServerRequest request;

    @Inject
    ExternalBaseUrl externalBaseUrl;

    private String base;

    public String base() {
        if (base == null) {
            base = externalBaseUrl.of(request);
        }
        return base;
    }

    public String root() {
        return base() + "/";
    }

    public String path(String path) {
        return base() + path;
    }

    public String collections() {
        return base() + "/collections";
    }

    public String collection(String collectionId) {
        return base() + collectionPath(collectionId);
    }

    public String items(String collectionId) {
        return collection(collectionId) + "/items";
    }

    public String item(String collectionId, String itemId) {
        return base() + itemPath(collectionId, itemId);
    }

    public String asset(String collectionId, String itemId, String assetKey) {
        return item(collectionId, itemId) + "/assets/" + segment(assetKey);
    }

    /** A collection's path below the API's base; a release's is below its collection's (see {@link ReleaseIds}). */
    public static String collectionPath(String collectionId) {
        return ReleaseIds.versionOf(collectionId)
                .map(version -> "/collections/" + segment(ReleaseIds.collectionOf(collectionId)) + "/releases/" + segment(version))
                .orElseGet(() -> "/collections/" + segment(collectionId));
    }

    /** A collection's list of releases. */
    public String releases(String collectionId) {
        return collection(collectionId) + "/releases";
    }

    /** An item's path below the API's base. */
    public static String itemPath(String collectionId, String itemId) {
        return collectionPath(collectionId) + "/items/" + segment(itemId);
    }

    /** Percent-encodes one path segment (spaces as %20, never '+'). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
