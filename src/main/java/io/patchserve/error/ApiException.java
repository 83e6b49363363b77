package io.patchserve.error;

/**
 * A failure with an HTTP meaning. Domain code throws these; {@link ErrorMapper} turns every one into the
 * JSON error body, so no resource builds error responses itself.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String description) {
        this(status, code, description, null);
    }

    public ApiException(int status, String code, String description, Throwable cause) {
        super(description, cause);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiException badRequest(String description) {
        return new ApiException(400, "InvalidParameterValue", description);
    }

    public static ApiException notFound(String description) {
        return new ApiException(404, "NotFound", description);
    }

    public static ApiException unavailable(String description, Throwable cause) {
        return new ApiException(503, "ServiceUnavailable", description, cause);
    }
}
