package io.patchserve.auth;

import io.patchserve.config.AuthConfig;
import io.patchserve.error.ApiException;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Enforces the credentials: write routes (marked {@link Access}) need a write key; every other API route
 * needs a read or write key when reads are not public. No credential (or an unknown one) is 401; a read key
 * on a write route is 403.
 */
public class AccessFilters {

    private final ApiKeys keys;
    private final AuthConfig config;

    public AccessFilters(ApiKeys keys, AuthConfig config) {
        this.keys = keys;
        this.config = config;
    }

    @Access
    @ServerRequestFilter
    public void writes(ContainerRequestContext request) {
        ApiKeys.Grant grant = keys.grantOf(credential(request));
        if (grant == ApiKeys.Grant.NONE) {
            throw unauthorized(request);
        }
        if (grant != ApiKeys.Grant.WRITE) {
            throw new ApiException(403, "Forbidden", "this credential may read but not write");
        }
    }

    @ServerRequestFilter
    public void reads(ContainerRequestContext request) {
        if (config.publicReads() || request.getUriInfo().getPath().startsWith("/q/")) {
            return;
        }
        if (keys.grantOf(credential(request)) == ApiKeys.Grant.NONE) {
            throw unauthorized(request);
        }
    }

    private static ApiException unauthorized(ContainerRequestContext request) {
        boolean presented = credential(request) != null;
        return new ApiException(401, "Unauthorized", presented
                ? "the credential is not valid here"
                : "this route needs a credential: send 'Authorization: Bearer <api key>' or 'X-API-Key: <api key>'");
    }

    static String credential(ContainerRequestContext request) {
        String header = request.getHeaderString("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).strip();
        }
        String key = request.getHeaderString("X-API-Key");
        return key == null ? null : key.strip();
    }
}
