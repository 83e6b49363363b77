package io.patchserve.http;

import io.patchserve.error.ApiException;
import io.patchserve.error.ErrorCode;

import com.fasterxml.jackson.core.JacksonException;
import io.patchserve.http.RequestIds;
import io.patchserve.ops.Metrics;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * The one place where failures become HTTP responses: a JSON {@link ErrorBody} with the request id,
 * 4xx logged at DEBUG, 5xx at ERROR with the stack, and Retry-After on 503.
 */
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    @Inject
    Metrics metrics;
    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper(Throwable.class)
    public Response toResponse(ContainerRequestContext request, Throwable failure) {
        ApiException error = classify(failure);
        String requestId = RequestIds.of(request);
        if (error.status() >= 500) {
            LOG.errorf(failure, "%s %s failed [%s]: %s", request.getMethod(), request.getUriInfo().getPath(), requestId,
                    error.getMessage());
        } else {
            LOG.debugf("%s %s -> %d %s [%s]", request.getMethod(), request.getUriInfo().getPath(), error.status(),
                    error.getMessage(), requestId);
        }
        Response.ResponseBuilder response = Response.status(error.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(error.code().code(), error.getMessage(), requestId));
        if (error.status() == 503) {
            response.header("Retry-After", RETRY_AFTER_SECONDS);
            metrics.dependencyErrors(causeOfType(failure, SQLException.class) != null ? "database" : "object-storage").increment();
        }
        if (error.status() == 401) {
            response.header("WWW-Authenticate", "Bearer realm=\"patchserve\"");
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getHeaderString("Allow") != null) {
            response.header("Allow", web.getResponse().getHeaderString("Allow"));
        }
        return response.build();
    }

    static ApiException classify(Throwable failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        JacksonException json = causeOfType(failure, JacksonException.class);
        if (json != null) {
            return new ApiException(ErrorCode.INVALID_REQUEST_BODY, "the request body is not valid JSON: " + json.getOriginalMessage());
        }
        if (failure instanceof WebApplicationException web) {
            return fromWebException(web);
        }
        SQLException sql = causeOfType(failure, SQLException.class);
        if (sql != null && ("22021".equals(sql.getSQLState()) || "22P05".equals(sql.getSQLState()))) {
            // PostgreSQL refuses NUL and unencodable characters in text: the request's value, not our fault
            return ApiException.badRequest("a value in the request contains a character that cannot be stored or matched (e.g. NUL)");
        }
        if (isDependencyDown(failure)) {
            return ApiException.unavailable("a storage dependency is unavailable; retry shortly", failure);
        }
        return new ApiException(ErrorCode.INTERNAL_ERROR, "the server failed to handle this request", failure);
    }

    private static ApiException fromWebException(WebApplicationException web) {
        int status = web.getResponse().getStatus();
        ErrorCode code = switch (status) {
            case 400 -> ErrorCode.INVALID_PARAMETER_VALUE;
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.CONTENT_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST;
        };
        String description = switch (code) {
            case NOT_FOUND -> "no such resource";
            case METHOD_NOT_ALLOWED -> "this method is not allowed on this resource";
            case NOT_ACCEPTABLE -> "none of the accepted media types can be produced";
            case UNSUPPORTED_MEDIA_TYPE -> "this media type is not supported here";
            default -> web.getMessage();
        };
        return new ApiException(code, description, web);
    }

    private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** A connection that cannot be made or a database that refuses us: the client should come back later. */
    private static boolean isDependencyDown(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof SocketTimeoutException || t instanceof UnknownHostException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t.getClass().getName().equals("io.agroal.pool.ConnectionPool$AcquisitionTimeoutException")
                    || (t instanceof SQLException && String.valueOf(t.getMessage()).contains("Acquisition timeout"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
