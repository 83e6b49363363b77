package io.patchserve.http;

import io.patchserve.error.ApiException;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A query parameter a route does not declare is a 400 that names it and lists the accepted ones (OGC API Features
 * /req/core/query-param-unknown): ignoring it would give a wrong answer without a warning, such as every split
 * for {@code ?split=train}.
 */
public class UnknownQueryParameters {

    private final DeclaredQueryParameters declared;

    public UnknownQueryParameters(DeclaredQueryParameters declared) {
        this.declared = declared;
    }

    @ServerRequestFilter
    public void check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/q/")) {
            return;
        }
        declared.route(request.getMethod(), path).ifPresent(route -> {
            for (String name : request.getUriInfo().getQueryParameters().keySet()) {
                if (!route.query().contains(name)) {
                    throw ApiException.badRequest("unknown query parameter '" + name + "'" + hint(route, name) + " for "
                            + route.method() + " " + route.template() + "; it accepts " + (route.query().isEmpty() ? "none"
                            : String.join(", ", new java.util.TreeSet<>(route.query()))));
                }
            }
        });
    }

    /**
     * Property filters are spelled with filter=, which a user who tried ?split=train may not know. (Kept next to
     * the quoted name: the error mapper shortens long quoted spans.)
     */
    private static String hint(DeclaredQueryParameters.Route route, String name) {
        return route.query().contains("filter") ? " (a property is selected with filter=" + name + "='value')" : "";
    }
}
