package io.patchserve.storage;

import io.patchserve.ops.Metrics;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.ServerException;
import io.patchserve.config.StorageConfig;
import io.patchserve.error.ApiException;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The S3 bucket that holds every object. Keys are immutable: a key is written once with its final bytes and
 * never overwritten with different ones, so a row's size and sha256 stay true for as long as the row exists.
 * Reads and writes stream; no method holds a whole object in memory.
 */
@ApplicationScoped
@Startup
public class ObjectStore {

    private static final Logger LOG = Logger.getLogger(ObjectStore.class);
    /** Multipart part size for uploads of unknown length; S3's minimum is 5 MiB. */
    private static final long PART_SIZE = 16L * 1024 * 1024;

    private final StorageConfig config;
    private final MinioClient client;
    private final SinglePuts singlePuts;

    public ObjectStore(StorageConfig config, Metrics metrics) {
        this.config = config;
        ConnectionPool pool = new ConnectionPool();
        metrics.s3Connections("idle", pool, ConnectionPool::idleConnectionCount);
        metrics.s3Connections("in-use", pool, p -> p.connectionCount() - p.idleConnectionCount());
        OkHttpClient http = new OkHttpClient.Builder()
                .connectionPool(pool)
                .connectTimeout(config.connectTimeout())
                // a stalled read times out on the socket itself (see S3Sockets), not by Okio's watchdog
                .socketFactory(new S3Sockets(config.readTimeout()))
                .readTimeout(java.time.Duration.ZERO)
                .writeTimeout(config.readTimeout())
                .retryOnConnectionFailure(true)
                .build();
        this.client = MinioClient.builder()
                .endpoint(config.endpoint())
                .region(config.region())
                .credentials(config.accessKey(), config.secretKey())
                .httpClient(http)
                .build();
        this.singlePuts = new SinglePuts(MinioAsyncClient.builder()
                .endpoint(config.endpoint())
                .region(config.region())
                .credentials(config.accessKey(), config.secretKey())
                .httpClient(http)
                .build());
    }

    @PostConstruct
    void ensureBucket() {
        if (!config.createBucket()) {
            return;
        }
        try {
            if (!bucketExists()) {
                client.makeBucket(MakeBucketArgs.builder().bucket(config.bucket()).build());
                LOG.infof("created bucket %s", config.bucket());
            }
        } catch (Exception e) {
            // Start anyway: readiness reports S3 as down and requests get 503 until it is back.
            LOG.warnf("could not check or create bucket %s at %s: %s", config.bucket(), config.endpoint(), e.getMessage());
        }
    }

    public boolean bucketExists() throws Exception {
        return client.bucketExists(BucketExistsArgs.builder().bucket(config.bucket()).build());
    }

    /**
     * Uploads a local file under {@code key}, streamed from disk: in one request when it fits in one part
     * ({@link SinglePuts}), else in parts by the SDK. {@code sha256} is the file's; S3 checks it. A connection that
     * breaks while the body is being written (a pooled connection the server closed in the meantime: "Broken pipe",
     * which OkHttp does not retry once a body has started) is tried once more on a fresh one: keys name their
     * content, so sending the same bytes again is safe.
     */
    public void put(String key, Path file, String contentType, String sha256) {
        try {
            upload(key, file, contentType, sha256);
        } catch (Exception first) {
            if (!brokenConnection(first)) {
                throw failure("upload of " + key, first);
            }
            LOG.warnf("upload of %s failed on a pooled connection (%s); trying once more on a fresh one", key, first);
            try {
                upload(key, file, contentType, sha256);
            } catch (Exception e) {
                e.addSuppressed(first);
                throw failure("upload of " + key, e);
            }
        }
    }

    private void upload(String key, Path file, String contentType, String sha256) throws Exception {
        if (Files.size(file) <= PART_SIZE) {
            singlePuts.put(config.bucket(), key, file, contentType, sha256);
            return;
        }
        client.uploadObject(UploadObjectArgs.builder()
                .bucket(config.bucket())
                .object(key)
                .filename(file.toString(), PART_SIZE)
                .contentType(contentType)
                .userMetadata(Map.of("sha256", sha256))
                .build());
    }

    /**
     * Whether a request failed on its connection rather than at the server: a socket the server closed, or a pooled
     * connection holding bytes of an earlier response where a status line should be (seen twice in CI, an upload
     * reading "\u0089HDF": the start of an HDF5 object; its cause is not found yet). OkHttp gives such a
     * connection no further request, so a retry of an idempotent request goes out on another.
     */
    private static boolean brokenConnection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketException || t instanceof java.net.ProtocolException) {
                return true;
            }
        }
        return false;
    }

    /** The size of the object under {@code key}, or empty when there is none. */
    public OptionalLong size(String key) {
        try {
            return OptionalLong.of(client.statObject(StatObjectArgs.builder().bucket(config.bucket()).object(key).build()).size());
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code()) || "NotFound".equals(e.errorResponse().code())) {
                return OptionalLong.empty();
            }
            throw failure("stat of " + key, e);
        } catch (Exception e) {
            throw failure("stat of " + key, e);
        }
    }

    /** Opens {@code length} bytes of the object from {@code offset}; the caller closes the stream. */
    public InputStream open(String key, long offset, long length) {
        GetObjectArgs.Builder args = GetObjectArgs.builder().bucket(config.bucket()).object(key);
        if (offset > 0 || length >= 0) {
            args.offset(offset);
            if (length >= 0) {
                args.length(length);
            }
        }
        try {
            return client.getObject(args.build());
        } catch (Exception first) {
            if (!brokenConnection(first)) {
                throw failure("read of " + key, first);
            }
            LOG.warnf("read of %s failed on a pooled connection (%s); trying once more on a fresh one", key, first);
            try {
                return client.getObject(args.build());
            } catch (Exception e) {
                e.addSuppressed(first);
                throw failure("read of " + key, e);
            }
        }
    }

    public void delete(String key) {
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(config.bucket()).object(key).build());
        } catch (Exception e) {
            throw failure("delete of " + key, e);
        }
    }

    /** An object as a listing shows it. */
    public record Listed(String key, long size, java.time.Instant lastModified) {
    }

    /** Every object under {@code prefix}, in key order, fetched page by page as the caller iterates. */
    public Iterable<Listed> list(String prefix) {
        Iterable<Result<Item>> results = client.listObjects(ListObjectsArgs.builder().bucket(config.bucket())
                .prefix(prefix).recursive(true).build());
        return () -> new java.util.Iterator<>() {
            private final java.util.Iterator<Result<Item>> it = results.iterator();

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Listed next() {
                try {
                    Item item = it.next().get();
                    return new Listed(item.objectName(), item.size(), item.lastModified().toInstant());
                } catch (Exception e) {
                    throw failure("listing of " + prefix + "*", e);
                }
            }
        };
    }

    /** Deletes every object whose key starts with {@code prefix}, in batches; returns how many. */
    public long deletePrefix(String prefix) {
        long deleted = 0;
        try {
            List<DeleteObject> batch = new ArrayList<>();
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(config.bucket())
                    .prefix(prefix).recursive(true).build())) {
                batch.add(new DeleteObject(result.get().objectName()));
                if (batch.size() == 1000) {
                    deleted += removeAll(batch);
                }
            }
            deleted += removeAll(batch);
            return deleted;
        } catch (Exception e) {
            throw failure("delete of " + prefix + "*", e);
        }
    }

    private long removeAll(List<DeleteObject> batch) throws Exception {
        int n = batch.size();
        if (n > 0) {
            for (Result<DeleteError> error : client.removeObjects(RemoveObjectsArgs.builder().bucket(config.bucket())
                    .objects(new ArrayList<>(batch)).build())) {
                DeleteError e = error.get();
                LOG.warnf("could not delete %s: %s", e.objectName(), e.message());
            }
            batch.clear();
        }
        return n;
    }

    private static RuntimeException failure(String what, Exception e) {
        if (e instanceof IOException || isServerSide(e)) {
            return ApiException.unavailable("object storage is unavailable (" + what + "); retry shortly", e);
        }
        return new StorageException(what + " failed: " + e.getMessage(), e);
    }

    /** A 5xx from the server (InternalError, SlowDown, ServiceUnavailable) is transient in S3: clients retry them. */
    private static boolean isServerSide(Exception e) {
        return e instanceof ServerException
                || e instanceof ErrorResponseException response && response.response() != null
                && response.response().code() >= 500;
    }
}
