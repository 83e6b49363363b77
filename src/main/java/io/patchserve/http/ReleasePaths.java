package io.patchserve.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves everything below {@code /collections/{collection}/releases/{version}} from the release's frozen copy:
 * the request is rerouted, before the page negotiation and the REST layer, to the same path below
 * {@code /collections/{collection}@{version}} (see {@link ReleaseIds}), so the collection, its items, search,
 * assets, crops, bundles, statistics and pages of a release are the collection's own routes and code. The one
 * route of the release itself, {@code PATCH} of the release (attaching a DOI), is left to its resource.
 */
@ApplicationScoped
public class ReleasePaths {

    private static final Pattern RELEASE_PATH = Pattern.compile("/collections/([^/]+)/releases/([^/]+)(/.*)?");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(ReleasePaths::route);
    }

    private static void route(RoutingContext ctx) {
        String internal = internalPath(ctx.normalizedPath(), ctx.request().method());
        if (internal == null) {
            ctx.next();
            return;
        }
        String query = ctx.request().query();
        ctx.reroute(internal + (query == null ? "" : "?" + query));
    }

    /** The path a release's request is served under, or null when {@code path} is not below a release. */
    static String internalPath(String path, HttpMethod method) {
        Matcher m = RELEASE_PATH.matcher(path);
        if (!m.matches() || (m.group(3) == null && method == HttpMethod.PATCH)) {
            return null;
        }
        return "/collections/" + m.group(1) + ReleaseIds.SEPARATOR + m.group(2) + (m.group(3) == null ? "" : m.group(3));
    }
}
