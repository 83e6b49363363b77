package io.patchserve.error;

/**
 * A failure a client should hear about, with its {@link ErrorCode}. Services, stores and parsers throw these;
 * {@code http.ErrorMapper} turns every one into the JSON error body, so no resource builds error responses itself.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;

    public ApiException(ErrorCode code, String description) {
        this(code, description, null);
    }

    public ApiException(ErrorCode code, String description, Throwable cause) {
        super(description, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public int status() {
        return code.status();
    }

    public static ApiException badRequest(String description) {
        return new ApiException(ErrorCode.INVALID_PARAMETER_VALUE, description);
    }

    public static ApiException notFound(String description) {
        return new ApiException(ErrorCode.NOT_FOUND, description);
    }

    public static ApiException tooLarge(String description) {
        return new ApiException(ErrorCode.CONTENT_TOO_LARGE, description);
    }

    public static ApiException unavailable(String description, Throwable cause) {
        return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, description, cause);
    }
}
