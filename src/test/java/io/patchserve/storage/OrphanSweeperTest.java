package io.patchserve.storage;

import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.patchserve.ingest.IngestService;
import io.patchserve.ingest.SmcefrIngestTestAccess;
import io.patchserve.testing.LocalStack;
import io.patchserve.testing.SmcefrFixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Objects no item names are deleted once old enough; everything an item names stays. */
@QuarkusTest
class OrphanSweeperTest {

    @Inject
    IngestService ingest;

    @Inject
    OrphanSweeper sweeper;

    @TempDir
    Path temp;

    private static void put(String key) throws Exception {
        MinioClient client = MinioClient.builder().endpoint(LocalStack.s3Endpoint()).credentials("patchserve", "patchserve-secret").build();
        byte[] bytes = "left behind by a crash".getBytes();
        client.putObject(PutObjectArgs.builder().bucket("patchserve").object(key)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build());
    }

    @Test
    void unreferencedObjectsGoReferencedOnesStay() throws Exception {
        String collection = "sweep-" + UUID.randomUUID().toString().substring(0, 8);
        SmcefrFixtures.release(temp.resolve("release"), 2, 16);
        ingest.ingest("smcefr", collection, temp.resolve("release"));
        List<String> stored = SmcefrIngestTestAccess.objectKeys(collection);
        String item = SmcefrFixtures.productName(0);
        put(collection + "/ghost-item/image-0123456789abcdef.png");      // its row never committed
        put(collection + "/" + item + "/image-fedcba9876543210.png");     // an item's older, replaced object
        put(collection + "/loose-file");                                  // not a key this service writes

        OrphanSweeper.Result dry = sweeper.sweep(collection + "/", Duration.ZERO, true);
        assertThat(dry.examined()).isEqualTo(stored.size() + 3);
        assertThat(dry.orphans()).isEqualTo(2);
        assertThat(dry.deleted()).isZero();
        assertThat(sweeper.sweep(collection + "/", Duration.ofHours(1), false).youngOrphansKept()).isEqualTo(2);
        assertThat(SmcefrIngestTestAccess.objectKeys(collection)).hasSize(stored.size() + 3);

        // as the sweep command runs it: on a thread of its own, outside any request
        OrphanSweeper.Result swept = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> sweeper.sweep(collection + "/", Duration.ZERO, false), runnable -> new Thread(runnable).start()).get();

        assertThat(swept.deleted()).isEqualTo(2);
        assertThat(SmcefrIngestTestAccess.objectKeys(collection)).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(stored.stream(), java.util.stream.Stream.of(collection + "/loose-file")).toList());
        given().get("/collections/{c}/items/{i}/assets/image", collection, item).then().statusCode(200);
    }
}
