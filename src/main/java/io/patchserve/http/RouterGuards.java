package io.patchserve.http;

import io.patchserve.error.ErrorCode;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the HTTP layer answers before a resource is reached, in the same JSON error body as everything else:
 * requests the router refuses (no Host header, a body over the limit), a URI or headers longer than the API takes,
 * and methods the read-only operations endpoints under {@code /q/} do not have. A refused request is a DEBUG line,
 * not an ERROR with a stack: a client's mistake must not be a way to flood the logs.
 * <p>
 * The Vert.x codec itself answers requests past {@code quarkus.http.limits.max-initial-line-length} and
 * {@code max-header-size} with an empty 414 or 431 before any of this runs (Quarkus offers no hook there,
 * quarkusio/quarkus#55082); those limits are set above the ones checked here, so only such monsters get it.
 */
@ApplicationScoped
public class RouterGuards {

    private static final Logger LOG = Logger.getLogger(RouterGuards.class);
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final String READ_METHODS = "GET, HEAD, OPTIONS";
    /** Longest request target (path and query) the API reads; a search too long for this belongs in a POST body. */
    static final int MAX_URI = 16 * 1024;
    /** Most bytes of request headers (names and values) the API reads. */
    static final int MAX_HEADERS = 32 * 1024;
    private static final Map<Integer, ErrorCode> CODES = Map.of(400, ErrorCode.BAD_REQUEST, 404, ErrorCode.NOT_FOUND,
            405, ErrorCode.METHOD_NOT_ALLOWED, 413, ErrorCode.CONTENT_TOO_LARGE, 414, ErrorCode.URI_TOO_LONG,
            415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, 431, ErrorCode.HEADERS_TOO_LARGE);

    private final long maxBodyBytes;

    public RouterGuards(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.maxBodyBytes = maxBody.asLongValue();
    }

    void guard(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::limits);
        router.route("/q/*").order(Integer.MIN_VALUE + 1).handler(RouterGuards::readOnlyOperations);
        router.route().order(Integer.MIN_VALUE).failureHandler(RouterGuards::refused);
    }

    private void limits(RoutingContext ctx) {
        if (ctx.request().uri().length() > MAX_URI) {
            respond(ctx, ErrorCode.URI_TOO_LONG, "the request target has " + ctx.request().uri().length()
                    + " characters, more than the " + MAX_URI + " read here; send a search as a POST body");
            return;
        }
        long headerBytes = 0;
        for (var header : ctx.request().headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerBytes > MAX_HEADERS) {
            respond(ctx, ErrorCode.HEADERS_TOO_LARGE, "the request headers hold " + headerBytes + " bytes, more than the "
                    + MAX_HEADERS + " read here");
            return;
        }
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                && Long.parseLong(length) > maxBodyBytes) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close"); // the body is not read
            respond(ctx, ErrorCode.CONTENT_TOO_LARGE, "the request body has " + length + " bytes, more than the "
                    + maxBodyBytes + " read here");
            return;
        }
        ctx.next();
    }

    private static void readOnlyOperations(RoutingContext ctx) {
        if (READS.contains(ctx.request().method())) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("Allow", READ_METHODS);
        respond(ctx, ErrorCode.METHOD_NOT_ALLOWED, "the operations endpoints only answer " + READ_METHODS);
    }

    /** A request the router failed with a 4xx (no Host, body too large, ...): the JSON body instead of the default page. */
    private static void refused(RoutingContext ctx) {
        ErrorCode code = CODES.get(ctx.statusCode());
        if (code == null || ctx.response().headWritten()) {
            ctx.next(); // a server failure: Quarkus's handler logs it with its stack
            return;
        }
        String reason = ctx.failure() == null || ctx.failure().getMessage() == null ? "the request was refused"
                : ctx.failure().getMessage();
        LOG.debugf("%s %s refused by the router: %d %s", ctx.request().method(), ctx.request().path(), ctx.statusCode(), reason);
        respond(ctx, code, switch (code) {
            case CONTENT_TOO_LARGE -> "the request body is larger than this service reads";
            case BAD_REQUEST -> reason.contains("Host") ? "an HTTP/1.1 request needs a Host header" : "the request is malformed";
            case NOT_FOUND -> "no such resource";
            default -> reason;
        });
    }

    /** Answers with the API's JSON error body from the router, before the REST layer (it has no exception mapper there). */
    public static void respond(RoutingContext ctx, ErrorCode code, String description) {
        String given = ctx.request().getHeader(RequestIds.HEADER);
        String requestId = given != null && given.matches("[A-Za-z0-9._:-]{1,128}") ? given : UUID.randomUUID().toString();
        ctx.response().setStatusCode(code.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(RequestIds.HEADER, requestId)
                .end(new JsonObject().put("code", code.code()).put("description", description)
                        .put("requestId", requestId).encode());
    }
}
