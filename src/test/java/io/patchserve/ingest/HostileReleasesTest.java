package io.patchserve.ingest;

import io.patchserve.testing.PythonTools;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Releases made to hurt (src/test/python/make_hostile_releases.py): an image that declares 100,000² pixels, links
 * out of the release (to a file elsewhere and to /etc/passwd), tar link entries, an archive entry and a line past
 * their limits, a gzip bomb and an archive past the total expansion, an MMEarth release whose rows would decode to gigabytes. Each such unit is skipped with its
 * reason, decided before anything is decoded; the valid ones beside them are published; the service stays up.
 */
@QuarkusTest
@TestProfile(HostileReleasesTest.SmallLimits.class)
class HostileReleasesTest {

    /** Limits small enough that the fixtures pass them without gigabytes on disk. */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("patchserve.ingest.max-archive-entry-bytes", "100000",
                    "patchserve.ingest.max-archive-expanded-bytes", "3000000",
                    "patchserve.ingest.archive-ratio-grace-bytes", "1000000",
                    "patchserve.ingest.max-line-bytes", "1000000");
        }
    }

    @TempDir
    static Path temp;

    @Inject
    IngestService ingest;

    @Inject
    StacItemsLoader itemsLoader;

    @BeforeAll
    static void make() throws Exception {
        PythonTools.run("make_hostile_releases.py", temp.resolve("releases").toString(), temp.resolve("outside").toString());
    }

    private static String collection() {
        return "hostile-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aFolderWithABombAndLinksPublishesOnlyItsOwnValidPatch() {
        String collection = collection();
        IngestReport report = ingest.ingest("smcefr", collection, temp.resolve("releases/smcefr"));
        assertThat(report.succeeded()).as(report.failure()).isTrue();
        assertThat(report.created()).isEqualTo(1);
        assertThat(report.skips()).hasSize(3).extracting(Skipped::reason)
                .anySatisfy(r -> assertThat(r).contains("100000 x 100000").contains("larger than the 20000 pixels a side"))
                .filteredOn(r -> r.contains("links are not followed")).hasSize(2);
        given().get("/collections/{c}/items", collection).then().statusCode(200).extract().jsonPath()
                .getList("features.id").forEach(id -> assertThat((String) id).contains("20210101T101010"));
    }

    @Test
    void anArchiveWithLinkEntriesAndAnOversizedEntrySkipsThem() {
        String collection = collection();
        IngestReport report = ingest.ingest("smcefr", collection, temp.resolve("releases/smcefr.tar.gz"));
        assertThat(report.succeeded()).as(report.failure()).isTrue();
        assertThat(report.created()).isEqualTo(1);
        assertThat(report.skips()).extracting(Skipped::reason)
                .filteredOn(r -> r.equals("link entries are not supported")).hasSize(2);
        assertThat(report.skips()).extracting(Skipped::reason)
                .anySatisfy(r -> assertThat(r).contains("300000 bytes is larger than the 100000"));
    }

    @Test
    void aDecompressionBombStopsTheIngestOnceItExpandsPastTheRatio() {
        String collection = collection();
        IngestReport report = ingest.ingest("smcefr", collection, temp.resolve("releases/bomb.tar.gz"));
        assertThat(report.succeeded()).isFalse();
        assertThat(report.failure()).contains("bomb.tar.gz").contains("more than 100.0 times its size")
                .contains("max-archive-ratio").doesNotContain(temp.toString());
        assertThat(report.created()).as("the patch before the bomb").isEqualTo(1);
    }

    @Test
    void anArchiveExpandingPastTheTotalStopsTheIngest() {
        String collection = collection();
        IngestReport report = ingest.ingest("smcefr", collection, temp.resolve("releases/big.tar"));
        assertThat(report.succeeded()).isFalse();
        assertThat(report.failure()).contains("expands to more than 3000000 bytes").contains("max-archive-expanded-bytes");
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aLineLongerThanTheLimitIsSkippedAndTheRestLoaded() {
        String collection = collection();
        IngestReport report = itemsLoader.load(collection, temp.resolve("releases/items.ndjson.gz"), null);
        assertThat(report.succeeded()).as(report.failure()).isTrue();
        assertThat(report.created()).isEqualTo(2);
        assertThat(report.skips()).singleElement().satisfies(s -> {
            assertThat(s.source()).endsWith(":2");
            assertThat(s.reason()).contains("3000000 bytes is longer than the 1000000");
        });
    }

    @Test
    void mmearthRowsTooLargeToDecodeAreSkippedFromTheirShape() {
        String collection = collection();
        IngestReport report = ingest.ingest("mmearth", collection, temp.resolve("releases/mmearth"));
        assertThat(report.succeeded()).as(report.failure()).isTrue();
        assertThat(report.created()).isZero();
        assertThat(report.skips()).hasSize(2).allSatisfy(s -> assertThat(s.reason()).contains("8000 x 8000"));
        given().get("/q/health/ready").then().statusCode(200);
    }
}
