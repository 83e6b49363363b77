package io.patchserve.http;

import io.patchserve.error.ErrorCode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Set;
import java.util.UUID;

/**
 * The operations endpoints under {@code /q/} (health, metrics, OpenAPI) are Vert.x routes that answer any method;
 * they are read-only, so anything but GET, HEAD and OPTIONS is a 405 with {@code Allow} and the JSON error body.
 */
@ApplicationScoped
public class OperationsRoutes {

    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final String ALLOW = "GET, HEAD, OPTIONS";

    void readOnly(@Observes Router router) {
        router.route("/q/*").order(Integer.MIN_VALUE).handler(ctx -> {
            if (READS.contains(ctx.request().method())) {
                ctx.next();
                return;
            }
            String requestId = UUID.randomUUID().toString();
            ctx.response().setStatusCode(ErrorCode.METHOD_NOT_ALLOWED.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader("Allow", ALLOW)
                    .putHeader(RequestIds.HEADER, requestId)
                    .end(new JsonObject().put("code", ErrorCode.METHOD_NOT_ALLOWED.code())
                            .put("description", "the operations endpoints only answer " + ALLOW)
                            .put("requestId", requestId).encode());
        });
    }
}
