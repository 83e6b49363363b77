package io.patchserve.http;

import io.patchserve.error.ApiException;
import io.patchserve.error.ErrorCode;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.patchserve.http.RequestIds;
import io.patchserve.ops.Metrics;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where failures become HTTP responses: a JSON {@link ErrorBody} with the request id,
 * 4xx logged at DEBUG, 5xx at ERROR with the stack, and Retry-After on 503.
 */
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    @Inject
    Metrics metrics;
    @Inject
    AllowedMethods allowedMethods;
    static final int RETRY_AFTER_SECONDS = 5;
    /** Longest description sent; a value quoted in it is cut well before (see {@link #shorten}). */
    static final int MAX_DESCRIPTION = 800;
    private static final int MAX_QUOTED = 200;
    private static final Pattern LONG_QUOTED = Pattern.compile("'([^']{" + (MAX_QUOTED + 1) + ",})'");

    @ServerExceptionMapper(Throwable.class)
    public Response toResponse(ContainerRequestContext request, Throwable failure) {
        ApiException error = classify(failure);
        String path = request.getUriInfo().getPath();
        if (error.code() == ErrorCode.NOT_FOUND && !(failure instanceof ApiException)) {
            // no route for this method, but one for the path: that is a 405, whatever the router said
            Optional<String> allowed = allowedMethods.of(path);
            if (allowed.isPresent()) {
                error = new ApiException(ErrorCode.METHOD_NOT_ALLOWED, "this method is not allowed on this resource", failure);
            }
        }
        if (error.code() == ErrorCode.METHOD_NOT_ALLOWED) {
            ApiException notAllowed = error;
            allowedMethods.of(path).ifPresent(allow -> notAllowed.withHeader("Allow", allow));
        }
        String requestId = RequestIds.of(request);
        if (isClientGone(failure)) {
            // the client hung up mid-response: nothing to answer and nothing wrong here
            LOG.debugf("%s %s: the client closed the connection [%s]", request.getMethod(), path, requestId);
            return Response.status(499).build();
        }
        if (error.status() >= 500) {
            LOG.errorf(failure, "%s %s failed [%s]: %s", request.getMethod(), request.getUriInfo().getPath(), requestId,
                    error.getMessage());
        } else {
            LOG.debugf("%s %s -> %d %s [%s]", request.getMethod(), request.getUriInfo().getPath(), error.status(),
                    error.getMessage(), requestId);
        }
        Response.ResponseBuilder response = Response.status(error.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(error.code().code(), shorten(error.getMessage()), requestId));
        error.headers().forEach(response::header);
        if (error.status() == 503) {
            response.header("Retry-After", RETRY_AFTER_SECONDS);
            metrics.dependencyErrors(causeOfType(failure, SQLException.class) != null ? "database" : "object-storage").increment();
        }
        if (error.status() == 401) {
            response.header("WWW-Authenticate", "Bearer realm=\"patchserve\"");
        }
        return response.build();
    }

    static ApiException classify(Throwable failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        JacksonException json = causeOfType(failure, JacksonException.class);
        if (json != null) {
            return new ApiException(ErrorCode.INVALID_REQUEST_BODY, describe(json));
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

    /** What is wrong with a JSON body, in the client's terms (Jackson's own messages name its classes and limits). */
    private static String describe(JacksonException json) {
        if (json instanceof StreamConstraintsException) {
            return "the request body is nested too deeply, or holds a number or string too long to read";
        }
        JsonLocation at = json.getLocation();
        String where = at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return "the request body is not valid JSON" + where;
    }

    /**
     * The description as sent: quoted values longer than {@value #MAX_QUOTED} characters (a 5 MB datetime) are cut
     * to their start and length, and the whole to {@value #MAX_DESCRIPTION} characters.
     */
    static String shorten(String description) {
        if (description == null) {
            return null;
        }
        Matcher m = LONG_QUOTED.matcher(description);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(1);
            m.appendReplacement(out, Matcher.quoteReplacement("'" + value.substring(0, 60) + "…' (" + value.length() + " characters)"));
        }
        m.appendTail(out);
        return out.length() <= MAX_DESCRIPTION ? out.toString() : out.substring(0, MAX_DESCRIPTION - 1) + "…";
    }

    private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The client closed its connection while the response was being written (a cancelled download). */
    static boolean isClientGone(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClosedChannelException) {
                return true;
            }
            String message = String.valueOf(t.getMessage());
            if ((t instanceof IOException || t.getClass().getName().equals("io.vertx.core.VertxException"))
                    && (message.contains("Broken pipe") || message.contains("Connection reset by peer")
                    || message.contains("Connection was closed") || message.contains("Connection has been closed")
                    || message.contains("closed connection"))) {
                return true;
            }
        }
        return false;
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
