package io.patchserve.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure a client should hear about, with its {@link ErrorCode}. Services, stores and parsers throw these;
 * {@code http.ErrorMapper} turns every one into the JSON error body, so no resource builds error responses itself.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, String> headers = new LinkedHashMap<>();

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

    /** A response header the error needs (e.g. Content-Range on 416, Allow on 405). */
    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return headers;
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
