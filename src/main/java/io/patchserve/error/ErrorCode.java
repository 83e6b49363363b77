package io.patchserve.error;

/**
 * Every error a client can get, with its HTTP status and the {@code code} of the JSON error body. Clients may
 * branch on the code; the description is for people. New failures get a constant here, never a string of their own.
 */
public enum ErrorCode {

    /** A query parameter, path segment or body field has a value this route cannot use. */
    INVALID_PARAMETER_VALUE(400, "InvalidParameterValue"),
    /** The request body is not the JSON the route reads. */
    INVALID_REQUEST_BODY(400, "InvalidRequestBody"),
    /** A request the framework refused before a route read it (malformed, as the status line says). */
    BAD_REQUEST(400, "BadRequest"),
    /** HTTP imports are switched off on this deployment (no import root is configured). */
    IMPORTS_DISABLED(400, "ImportsDisabled"),
    /** No credential, or one that is not valid here. */
    UNAUTHORIZED(401, "Unauthorized"),
    /** A valid credential that does not allow this. */
    FORBIDDEN(403, "Forbidden"),
    /** No such collection, item, asset, import or route. */
    NOT_FOUND(404, "NotFound"),
    METHOD_NOT_ALLOWED(405, "MethodNotAllowed"),
    NOT_ACCEPTABLE(406, "NotAcceptable"),
    /** The resource exists already (create), or the request contradicts its current state. */
    CONFLICT(409, "Conflict"),
    /** The request target (path and query) is longer than the service reads; a long search belongs in a POST body. */
    URI_TOO_LONG(414, "URITooLong"),
    /** The request headers are larger than the service reads. */
    HEADERS_TOO_LARGE(431, "RequestHeaderFieldsTooLarge"),
    /** The answer would pass a configured size limit (bundle items or bytes, stacked pixels). */
    CONTENT_TOO_LARGE(413, "ContentTooLarge"),
    UNSUPPORTED_MEDIA_TYPE(415, "UnsupportedMediaType"),
    /** A byte range that starts past the end of what is asked for. */
    RANGE_NOT_SATISFIABLE(416, "RangeNotSatisfiable"),
    /** The request is well-formed but the stored data cannot serve it (e.g. too large to crop). */
    UNPROCESSABLE_CONTENT(422, "UnprocessableContent"),
    /** Our fault: a bug, or stored data that cannot be read back. Logged with its stack. */
    INTERNAL_ERROR(500, "InternalError"),
    /** PostGIS or S3 is away; retry after the Retry-After seconds. */
    SERVICE_UNAVAILABLE(503, "ServiceUnavailable"),
    /** A search ran past the statement timeout; narrow it and retry. */
    SEARCH_TIMEOUT(503, "SearchTimeout");

    private final int status;
    private final String code;

    ErrorCode(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    /** The {@code code} field of the error body. */
    public String code() {
        return code;
    }
}
