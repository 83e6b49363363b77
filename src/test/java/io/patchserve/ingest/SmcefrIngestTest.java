package io.patchserve.ingest;

import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import io.patchserve.testing.LocalStack;
import io.patchserve.testing.SmcefrFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class SmcefrIngestTest {

    private static final int PATCHES = 5;

    @Inject
    IngestService ingest;

    @TempDir
    Path temp;

    private static String newCollectionId() {
        return "smcefr-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void ingestsAFolderAndSkipsBadFilesWithReasons() {
        String collection = newCollectionId();
        List<Path> valid = SmcefrFixtures.release(temp.resolve("release"), PATCHES, 64);

        IngestReport report = ingest.ingest("smcefr", collection, temp.resolve("release"));

        assertThat(report.succeeded()).as(report.failure()).isTrue();
        assertThat(report.created()).isEqualTo(PATCHES);
        assertThat(report.skipped()).isEqualTo(4);
        assertThat(report.skips()).extracting(Skipped::source, Skipped::reason).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(SmcefrFixtures.BAD_NAME,
                        "'not_a_product_name' is not a Sentinel-3 OLCI product name (expected e.g. "
                                + "S3A_OL_1_EFR____20211230T134025_20211230T134325_20211231T184123_0179_080_181_2700_LN1_O_NT_002)"),
                org.assertj.core.groups.Tuple.tuple(SmcefrFixtures.NOT_PNG_BYTES, "not a PNG (bad signature)"),
                org.assertj.core.groups.Tuple.tuple(SmcefrFixtures.TRUNCATED, "truncated PNG (no IEND chunk)"),
                org.assertj.core.groups.Tuple.tuple(SmcefrFixtures.README, "not a .png file"));

        JsonPath items = given().queryParam("limit", 100).get("/collections/{c}/items", collection)
                .then().statusCode(200).extract().jsonPath();
        List<String> ids = items.getList("features.id");
        assertThat(ids).containsExactlyInAnyOrderElementsOf(valid.stream().map(SmcefrIngestTest::stem).toList());
        // the bad files left nothing behind: no item, no object
        assertThat(objectKeys(collection)).as("the PNG as published and its thumbnail").hasSize(PATCHES * 2);
    }

    @Test
    void itemPropertiesComeFromTheProductName() {
        String collection = newCollectionId();
        SmcefrFixtures.release(temp.resolve("release"), 2, 32);
        ingest.ingest("smcefr", collection, temp.resolve("release"));

        // S3A_OL_1_EFR____20211201T134000_20211201T134300_20211202T184123_0179_080_100_2000_LN1_O_NT_002
        given().get("/collections/{c}/items/{i}", collection, SmcefrFixtures.productName(0))
                .then().statusCode(200)
                .body("properties.platform", equalTo("sentinel-3a"))
                .body("properties.constellation", equalTo("sentinel-3"))
                .body("properties.instruments", equalTo(List.of("olci")))
                .body("properties.'s3:product_type'", equalTo("OL_1_EFR___"))
                .body("properties.start_datetime", equalTo("2021-12-01T13:40:00Z"))
                .body("properties.end_datetime", equalTo("2021-12-01T13:43:00Z"))
                .body("properties.datetime", equalTo("2021-12-01T13:41:30Z"))
                .body("properties.created", equalTo("2021-12-02T18:41:23Z"))
                .body("properties.'s3:duration_seconds'", equalTo(179))
                .body("properties.'s3:cycle'", equalTo(80))
                .body("properties.'sat:relative_orbit'", equalTo(100))
                .body("properties.'s3:frame'", equalTo(2000))
                .body("properties.'s3:centre'", equalTo("LN1"))
                .body("properties.'s3:timeliness'", equalTo("non-time-critical"))
                .body("properties.'s3:baseline'", equalTo("002"))
                .body("properties.'s3:image_width'", equalTo(32))
                .body("geometry", equalTo(null));
        given().get("/collections/{c}/items/{i}", collection, SmcefrFixtures.productName(1))
                .then().statusCode(200).body("properties.platform", equalTo("sentinel-3b"));
    }

    @Test
    void ingestsATarGzMadeByGnuTar() {
        String collection = newCollectionId();
        List<Path> valid = SmcefrFixtures.release(temp.resolve("release"), PATCHES, 48);
        Path archive = SmcefrFixtures.tarGz(temp.resolve("release"), temp.resolve("smcefr-mini.tar.gz"));

        IngestReport report = ingest.ingest("smcefr", collection, archive);

        assertThat(report.succeeded()).as(report.failure()).isTrue();
        assertThat(report.created()).isEqualTo(PATCHES);
        assertThat(report.skipped()).isEqualTo(4);
        for (Path source : valid) {
            byte[] served = given().get("/collections/{c}/items/{i}/assets/image", collection, stem(source))
                    .then().statusCode(200).extract().asByteArray();
            assertThat(SmcefrFixtures.sha256(served)).isEqualTo(SmcefrFixtures.sha256(source));
        }
    }

    @Test
    void rerunningTheSameIngestChangesNothing() {
        String collection = newCollectionId();
        SmcefrFixtures.release(temp.resolve("release"), PATCHES, 32);
        ingest.ingest("smcefr", collection, temp.resolve("release"));
        String before = given().queryParam("limit", 100).get("/collections/{c}/items", collection).asString();
        List<String> keysBefore = objectKeys(collection);

        IngestReport again = ingest.ingest("smcefr", collection, temp.resolve("release"));

        assertThat(again.created()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.unchanged()).isEqualTo(PATCHES);
        assertThat(given().queryParam("limit", 100).get("/collections/{c}/items", collection).asString()).isEqualTo(before);
        assertThat(objectKeys(collection)).isEqualTo(keysBefore);
    }

    @Test
    void aChangedFileReplacesItsItemAndItsOldObject() throws Exception {
        String collection = newCollectionId();
        List<Path> valid = SmcefrFixtures.release(temp.resolve("release"), 2, 32);
        ingest.ingest("smcefr", collection, temp.resolve("release"));
        String oldKey = objectKeys(collection).stream().filter(k -> k.contains(stem(valid.getFirst()))).findFirst().orElseThrow();

        SmcefrFixtures.writePng(valid.getFirst(), 32, 4242);
        IngestReport report = ingest.ingest("smcefr", collection, temp.resolve("release"));

        assertThat(report.updated()).isEqualTo(1);
        assertThat(report.unchanged()).isEqualTo(1);
        byte[] served = given().get("/collections/{c}/items/{i}/assets/image", collection, stem(valid.getFirst())).asByteArray();
        assertThat(SmcefrFixtures.sha256(served)).isEqualTo(SmcefrFixtures.sha256(valid.getFirst()));
        assertThat(objectKeys(collection)).hasSize(4).doesNotContain(oldKey);
    }

    @Test
    void theCollectionExtentCoversItsItems() {
        String collection = newCollectionId();
        SmcefrFixtures.release(temp.resolve("release"), 3, 16);
        ingest.ingest("smcefr", collection, temp.resolve("release"));

        given().get("/collections/{c}", collection).then().statusCode(200)
                .body("extent.temporal.interval[0][0]", equalTo("2021-12-01T13:40:00Z"))
                .body("extent.temporal.interval[0][1]", equalTo("2021-12-03T13:43:02Z"))
                .body("license", equalTo("proprietary"));
    }

    @Test
    void shardsSplitAReleaseIntoDisjointPartsThatCoverIt() {
        String collection = newCollectionId();
        SmcefrFixtures.release(temp.resolve("release"), 8, 16);

        IngestReport first = ingest.ingest("smcefr", collection, temp.resolve("release"), null, Shard.parse("0/2"));
        IngestReport second = ingest.ingest("smcefr", collection, temp.resolve("release"), null, Shard.parse("1/2"));

        assertThat(first.created()).isPositive();
        assertThat(second.created()).isPositive();
        assertThat(first.created() + second.created()).isEqualTo(8);
        assertThat(first.skipped() + second.skipped()).isEqualTo(4);
        assertThat(objectKeys(collection)).hasSize(16);
        given().get("/collections/{c}", collection).then().body("extent.temporal.interval[0][0]", equalTo("2021-12-01T13:40:00Z"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Shard.parse("2/2")).hasMessageContaining("0 <= INDEX < COUNT");
    }

    @Test
    void aMissingSourceStopsTheRunWithAReason() {
        IngestReport report = ingest.ingest("smcefr", newCollectionId(), temp.resolve("nowhere"));
        assertThat(report.succeeded()).isFalse();
        assertThat(report.failure()).contains("does not exist");
    }

    @Test
    void theCommandReportsProgressAndExitCodes() throws Exception {
        SmcefrFixtures.release(temp.resolve("release"), 2, 16);
        var out = new java.io.ByteArrayOutputStream();
        IngestCommand command = io.quarkus.arc.Arc.container().instance(IngestCommand.class).get();

        int withSkips = command.run(List.of("--format", "smcefr", "--collection", newCollectionId(), temp.resolve("release").toString()),
                new java.io.PrintStream(out, true));
        List<Path> clean = SmcefrFixtures.release(temp.resolve("clean"), 2, 16);
        try (var files = java.nio.file.Files.list(temp.resolve("clean"))) {
            files.filter(f -> !clean.contains(f)).forEach(f -> f.toFile().delete()); // only the valid patches stay
        }
        var quiet = new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true);
        int ok = command.run(List.of("--format", "smcefr", "--collection", newCollectionId(), temp.resolve("clean").toString()), quiet);
        int failed = command.run(List.of("--format", "smcefr", "--collection", newCollectionId(), temp.resolve("missing").toString()), quiet);
        int badFormat = command.run(List.of("--format", "nope", "--collection", "x", "src"), new java.io.PrintStream(out, true));
        int missingArgs = command.run(List.of("--format", "smcefr"), new java.io.PrintStream(out, true));

        assertThat(withSkips).isEqualTo(IngestCommand.WITH_SKIPS).isEqualTo(4);
        assertThat(ok).isZero();
        assertThat(failed).isEqualTo(1);
        assertThat(badFormat).isEqualTo(2);
        assertThat(missingArgs).isEqualTo(2);
        assertThat(out.toString())
                .contains("2 done (2 new, 0 updated, 0 unchanged), 4 skipped")
                .contains("skipped README.txt: not a .png file")
                .contains("unknown dataset format 'nope'")
                .contains("need --format, --collection and exactly one SOURCE");
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - 4);
    }

    static List<String> objectKeys(String collection) {
        MinioClient client = MinioClient.builder().endpoint(LocalStack.s3Endpoint())
                .credentials("patchserve", "patchserve-secret").build();
        List<String> keys = new ArrayList<>();
        try {
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket("patchserve")
                    .prefix(collection + "/").recursive(true).build())) {
                keys.add(result.get().objectName());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        keys.sort(null);
        return keys;
    }
}
