package io.patchserve.http;

/** The JSON body of every error response. */
public record ErrorBody(String code, String description, String requestId) {
}
