package io.patchserve.auth;

import io.patchserve.config.AuthConfig;
import io.patchserve.error.ApiException;
import io.patchserve.error.ErrorCode;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Enforces the credentials: write routes (marked {@link Access}) need a write key or a JWT with the write
 * scope; every other API route needs some valid credential when reads are not public. No credential (or an unknown one) is 401; a read key
 * on a write route is 403.
 */
public class AccessFilters {

    private final ApiKeys keys;
    private final JwtVerifier jwt;
    private final AuthConfig config;

    public AccessFilters(ApiKeys keys, JwtVerifier jwt, AuthConfig config) {
        this.keys = keys;
        this.jwt = jwt;
        this.config = config;
    }

    /** What the request's credential allows: an API key first, then a verified JWT. */
    private ApiKeys.Grant grant(ContainerRequestContext request) {
        String credential = credential(request);
        ApiKeys.Grant grant = keys.grantOf(credential);
        // a JWT is a bearer token: one sent as X-API-Key is not one (RFC 6750 names only the Authorization header)
        if (grant == ApiKeys.Grant.NONE && bearer(request) != null && JwtVerifier.looksLikeJwt(credential)) {
            grant = jwt.grantOf(credential).orElse(ApiKeys.Grant.NONE);
        }
        return grant;
    }

    @Access
    @ServerRequestFilter
    public void writes(ContainerRequestContext request) {
        ApiKeys.Grant grant = grant(request);
        if (grant == ApiKeys.Grant.NONE) {
            throw unauthorized(request);
        }
        if (grant != ApiKeys.Grant.WRITE) {
            throw new ApiException(ErrorCode.FORBIDDEN, "this credential may read but not write");
        }
    }

    @ServerRequestFilter
    public void reads(ContainerRequestContext request) {
        if (config.publicReads() || request.getUriInfo().getPath().startsWith("/q/")) {
            return;
        }
        if (grant(request) == ApiKeys.Grant.NONE) {
            throw unauthorized(request);
        }
    }

    private static ApiException unauthorized(ContainerRequestContext request) {
        boolean presented = credential(request) != null;
        return new ApiException(ErrorCode.UNAUTHORIZED, presented
                ? "the credential is not valid here"
                : "this route needs a credential: send 'Authorization: Bearer <api key or JWT>' or 'X-API-Key: <api key>'");
    }

    static String credential(ContainerRequestContext request) {
        String bearer = bearer(request);
        if (bearer != null) {
            return bearer;
        }
        String key = request.getHeaderString("X-API-Key");
        return key == null ? null : key.strip();
    }

    private static String bearer(ContainerRequestContext request) {
        String header = request.getHeaderString("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
    }
}
