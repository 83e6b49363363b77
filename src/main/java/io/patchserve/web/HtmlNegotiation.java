package io.patchserve.web;

import io.patchserve.error.ErrorCode;
import io.patchserve.http.RouterGuards;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The same URLs serve JSON to clients and a page to browsers, as OGC APIs do: {@code ?f=html} or {@code ?f=json}
 * chooses outright; otherwise a request that lists {@code text/html} at least as high as any JSON type (a
 * browser's Accept) gets the page. Chosen pages are rerouted, before the REST layer, to {@link PageResource}
 * under {@link #PAGES}, so the JSON resources stay as they are ({@code f} is a declared parameter of theirs).
 */
@ApplicationScoped
public class HtmlNegotiation {

    static final String PAGES = "/pages";
    /** The routes that have a page: the landing page, collections, a collection, an item, search. */
    private static final List<Pattern> PAGE_ROUTES = List.of(Pattern.compile("/?"), Pattern.compile("/collections/?"),
            Pattern.compile("/collections/[^/]+/?"), Pattern.compile("/collections/[^/]+/items/[^/]+/?"),
            Pattern.compile("/search/?"));

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(this::route);
    }

    private void route(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (ctx.get(REROUTED) != null || path.startsWith("/q/") || path.startsWith("/static/") || path.startsWith(PAGES)) {
            ctx.next();
            return;
        }
        String f = ctx.queryParams().get("f");
        boolean read = ctx.request().method() == HttpMethod.GET || ctx.request().method() == HttpMethod.HEAD;
        boolean page = read && isPage(path);
        if (f != null && !f.equals("html") && !f.equals("json")) {
            RouterGuards.respond(ctx, ErrorCode.INVALID_PARAMETER_VALUE, "f takes html or json, not '" + f + "'");
            return;
        }
        if ("html".equals(f) && !page) {
            RouterGuards.respond(ctx, ErrorCode.NOT_ACCEPTABLE, "there is no page for " + path
                    + "; f=html is served for /, /collections, a collection, an item and /search");
            return;
        }
        if (page && ("html".equals(f) || (f == null && prefersHtml(ctx.request().getHeader("Accept"))))) {
            ctx.put(REROUTED, Boolean.TRUE);
            ctx.request().headers().set("Accept", "text/html");
            String query = ctx.request().query();
            ctx.reroute(PAGES + (path.equals("/") ? "" : path) + (query == null ? "" : "?" + query));
            return;
        }
        if ("json".equals(f)) {
            ctx.request().headers().set("Accept", "application/json, application/geo+json;q=0.9, */*;q=0.1");
        }
        ctx.next(); // JSON: f=json (declared on these routes) or no preference for a page
    }

    /** Marks a request already sent on to its page, so that the reroute passes this handler by. */
    private static final String REROUTED = "patchserve.page";

    /** Negotiated URLs vary with Accept: a cache must not give a browser's page to a client asking for JSON. */
    @ServerResponseFilter
    public void vary(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith(PAGES) || isPage(path)) {
            response.getHeaders().add("Vary", "Accept");
        }
    }

    static boolean isPage(String path) {
        return PAGE_ROUTES.stream().anyMatch(p -> p.matcher(path).matches());
    }

    /** Whether {@code text/html} is listed and weighted at least as high as every JSON type the header lists. */
    static boolean prefersHtml(String accept) {
        if (accept == null) {
            return false;
        }
        double html = -1, json = -1;
        for (String range : accept.split(",")) {
            String[] parts = range.trim().split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
                html = Math.max(html, q);
            } else if (type.endsWith("json")) {
                json = Math.max(json, q);
            }
        }
        return html > 0 && html >= json;
    }
}
