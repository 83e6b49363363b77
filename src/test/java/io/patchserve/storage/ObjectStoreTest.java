package io.patchserve.storage;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.patchserve.config.StorageConfig;
import io.patchserve.ops.Metrics;
import io.patchserve.testing.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Uploads land byte for byte, with their SHA-256 as metadata, whichever way they go (one request, or the SDK's
 * parts past one part's size), and an upload S3 refuses fails with S3's reason. Objects are read back by a client of
 * its own, not through the store. (S3Proxy does not compare a body with its signed SHA-256, as AWS S3 and MinIO
 * do, so that refusal is not tested here.)
 */
@QuarkusTest
class ObjectStoreTest {

    private static final MinioClient READER = MinioClient.builder().endpoint(LocalStack.s3Endpoint())
            .credentials("patchserve", "patchserve-secret").build();

    @Inject
    ObjectStore store;

    @Inject
    StorageConfig config;

    @Inject
    Metrics metrics;

    @TempDir
    Path temp;

    @Test
    void aSmallFileLandsWithItsHashUnderAKeyThatNeedsEscaping() throws Exception {
        Path file = randomFile("small.bin", 300_000);
        String key = prefix() + "/S2A tile+1:(a)~é/bands-0123456789abcdef.h5";
        store.put(key, file, "application/x-hdf5", Digests.sha256Hex(file));

        assertStoredAs(key, file, "application/x-hdf5");
    }

    @Test
    void aFileOfMoreThanOnePartLandsToo() throws Exception {
        Path file = randomFile("large.bin", 17 * 1024 * 1024 + 5);
        String key = prefix() + "/cube/data-0123456789abcdef.nc";
        store.put(key, file, "application/netcdf", Digests.sha256Hex(file));

        assertStoredAs(key, file, "application/netcdf");
    }

    @Test
    void aRefusedUploadFailsWithS3sReason() throws Exception {
        ObjectStore noBucket = new ObjectStore(new WithBucket(config, "no-such-bucket-" + prefix()), metrics);
        Path file = randomFile("small.bin", 1000);
        String key = prefix() + "/item/image-0123456789abcdef.png";

        assertThatThrownBy(() -> noBucket.put(key, file, "image/png", Digests.sha256Hex(file)))
                .isInstanceOf(StorageException.class) // not "unavailable": retrying will not help
                .hasMessageContaining("upload of " + key)
                .hasMessageContaining("bucket does not exist");
    }

    /** The service's S3 settings with another bucket, which is not created. */
    private record WithBucket(StorageConfig settings, String bucket) implements StorageConfig {
        public String endpoint() { return settings.endpoint(); }
        public String region() { return settings.region(); }
        public String accessKey() { return settings.accessKey(); }
        public String secretKey() { return settings.secretKey(); }
        public boolean createBucket() { return false; }
        public java.time.Duration connectTimeout() { return settings.connectTimeout(); }
        public java.time.Duration readTimeout() { return settings.readTimeout(); }
    }

    private void assertStoredAs(String key, Path file, String contentType) throws Exception {
        StatObjectResponse stat = READER.statObject(StatObjectArgs.builder().bucket("patchserve").object(key).build());
        assertThat(stat.size()).isEqualTo(Files.size(file));
        assertThat(stat.contentType()).isEqualTo(contentType);
        assertThat(stat.userMetadata()).containsEntry("sha256", Digests.sha256Hex(file));
        try (InputStream in = READER.getObject(GetObjectArgs.builder().bucket("patchserve").object(key).build())) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(file));
        }
    }

    private Path randomFile(String name, int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(temp.resolve(name), bytes);
    }

    private static String prefix() {
        return "store-test-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
