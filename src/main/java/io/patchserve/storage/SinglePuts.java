package io.patchserve.storage;

import io.minio.MinioAsyncClient;
import io.minio.Signer;
import io.minio.Time;
import io.minio.Xml;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import io.minio.errors.XmlParserException;
import io.minio.http.HttpUtils;
import io.minio.http.Method;
import io.minio.messages.ErrorResponse;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZonedDateTime;

/**
 * Uploads of files that fit in one PutObject request, sent on the caller's thread with a SHA-256 the caller already
 * has. The SDK's own upload reads the file once more to hash it (the ingest has just hashed it for the item) and
 * hands the request from the caller to the common pool to OkHttp's dispatcher: two thread wake-ups per object,
 * while the caller only waits. Here the SDK still makes the URL (path or virtual-host style, as it would) and the
 * SigV4 signature, and still reads the error a failed request answers with; OkHttp sends the file from disk.
 */
final class SinglePuts extends MinioAsyncClient {

    /** S3's error documents are a few hundred bytes; what a misconfigured proxy answers is read no further. */
    private static final long ERROR_BODY_LIMIT = 16 * 1024;

    SinglePuts(MinioAsyncClient configured) {
        super(configured);
    }

    /**
     * PUTs {@code file} under {@code key}, with {@code sha256} (lower-case hex of the file's bytes) as the signed
     * payload hash, which the server checks, and as the object's "sha256" metadata, as uploads always carry.
     */
    void put(String bucket, String key, Path file, String contentType, String sha256) throws Exception {
        HttpUrl url = buildUrl(Method.PUT, bucket, key, region, null);
        var credentials = provider.fetch();
        Request unsigned = new Request.Builder()
                .url(url)
                .header("Host", HttpUtils.getHostHeader(url))
                .header("Content-Type", contentType)
                .header("x-amz-content-sha256", sha256)
                .header("x-amz-date", ZonedDateTime.now(Time.UTC).format(Time.AMZ_DATE_FORMAT))
                .header("x-amz-meta-sha256", sha256)
                // no media type on the body: OkHttp would set Content-Type from it again, over the signed header
                .put(RequestBody.create(file.toFile(), null))
                .build();
        Request signed = Signer.signV4S3(unsigned, region, credentials.accessKey(), credentials.secretKey(), sha256);
        try (Response response = httpClient.newCall(signed).execute()) {
            if (!response.isSuccessful()) {
                throw refusal(response);
            }
        }
    }

    /**
     * What the SDK would have thrown for this answer, so that callers tell a passing outage (5xx) from a refusal
     * alike on both paths: S3's XML error, or the status and the start of a body that is not one.
     */
    private static Exception refusal(Response response) throws IOException, XmlParserException {
        String text = response.peekBody(ERROR_BODY_LIMIT).string();
        String trace = response.request().method() + " " + response.request().url() + " -> " + response.code();
        if (response.code() >= 500) {
            return new ServerException("server failed with HTTP status code " + response.code(), response.code(), trace);
        }
        String contentType = response.header("Content-Type");
        if (contentType == null || !contentType.contains("xml")) {
            return new InvalidResponseException(response.code(), contentType, text.substring(0, Math.min(1024, text.length())), trace);
        }
        return new ErrorResponseException(Xml.unmarshal(ErrorResponse.class, text), response, trace);
    }
}
