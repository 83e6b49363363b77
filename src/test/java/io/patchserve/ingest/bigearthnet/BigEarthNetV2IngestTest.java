package io.patchserve.ingest.bigearthnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchserve.config.TempConfig;
import io.patchserve.ingest.IngestReport;
import io.patchserve.ingest.IngestService;
import io.patchserve.ingest.Skipped;
import io.patchserve.testing.PythonTools;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A BigEarthNet v2 (reBEN) release made the way it is published (GDAL rasters, pyarrow parquet, zstd tars by GNU
 * tar) is ingested as it is; a Python reader then checks every item against the unpacked release, and that each
 * v2 patch's s2v1_name is an item of a v1 release of the same patches ingested beside it.
 */
@QuarkusTest
class BigEarthNetV2IngestTest {

    private static final int PATCHES = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    IngestService ingest;

    @Inject
    TempConfig tempConfig;

    @TempDir
    Path temp;

    @Test
    void ingestsTheZstdArchivesAsPublishedBesideV1() throws Exception {
        String v1 = "ben1-" + UUID.randomUUID().toString().substring(0, 8);
        Path v1Release = temp.resolve("BigEarthNet-v1.0");
        JsonNode v1Made = JSON.readTree(PythonTools.run("make_bigearthnet.py", v1Release.toString(), String.valueOf(PATCHES)));
        assertThat(ingest.ingest(BigEarthNetFormat.NAME, v1, v1Release).created()).isEqualTo(PATCHES);

        String v2 = "ben2-" + UUID.randomUUID().toString().substring(0, 8);
        Path release = temp.resolve("reBEN");
        JsonNode made = JSON.readTree(PythonTools.run("make_bigearthnet_v2.py", release.toString(), String.valueOf(PATCHES),
                "--bad", "--v1-names", v1Made.get("patches").toString()));

        IngestReport report = ingest.ingest(BigEarthNetV2Format.NAME, v2, release);

        assertThat(report.succeeded()).as(report.failure()).isTrue();
        assertThat(report.created()).isEqualTo(PATCHES);
        List<String> names = new ArrayList<>();
        made.get("skipped").fieldNames().forEachRemaining(names::add);
        assertThat(report.skips()).extracting(Skipped::source).containsExactlyInAnyOrderElementsOf(names);
        assertThat(report.skips()).extracting(Skipped::reason)
                .anySatisfy(r -> assertThat(r).startsWith("BigEarthNet-S2/S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP/")
                        .endsWith(" is not in the release"))
                .anySatisfy(r -> assertThat(r).matches("missing band file S2B_.*_B8A\\.tif"))
                .anySatisfy(r -> assertThat(r).isEqualTo("labels name classes outside the 19-class nomenclature [Intertidal flats]"));

        String output = PythonTools.run("check_bigearthnet_v2.py", "http://localhost:" + RestAssured.port, v2,
                release.toString(), made.get("expected").toString(), v1);
        assertThat(output).contains("bigearthnet-v2: ok, " + PATCHES + " patches checked");
        // the collection and its items are valid STAC under every extension they declare (eo, raster, sci, ...)
        io.patchserve.testing.StacSchemas.assertValidCollection(given().get("/collections/{c}", v2).then().statusCode(200)
                .extract().asString());
        io.patchserve.testing.StacSchemas.assertValidItemCollection(given().get("/collections/{c}/items?limit=100", v2)
                .then().statusCode(200).extract().asString());
        // nothing of the unpacked archives is left in the work folder once the run is over
        try (var left = Files.list(tempConfig.dir().resolve("patchserve-ingest"))) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("bigearthnet-v2-"));
        }
        assertThat(ingest.ingest(BigEarthNetV2Format.NAME, v2, release).unchanged()).isEqualTo(PATCHES);
    }

    /** A truncated zstd archive: the patches before the cut land; those after are skips that name the archive. */
    @Test
    void aTruncatedArchiveLandsWhatPrecedesTheCut() throws Exception {
        String collection = "ben2-" + UUID.randomUUID().toString().substring(0, 8);
        Path release = temp.resolve("reBEN-cut");
        PythonTools.run("make_bigearthnet_v2.py", release.toString(), String.valueOf(PATCHES));
        Path s2 = release.resolve("BigEarthNet-S2.tar.zst");
        byte[] bytes = Files.readAllBytes(s2);
        Files.write(s2, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        IngestReport report = ingest.ingest(BigEarthNetV2Format.NAME, collection, release);

        assertThat(report.succeeded()).as(report.failure()).isTrue();
        assertThat(report.created()).isBetween(1L, (long) PATCHES - 1);
        assertThat(report.created() + report.skips().size()).isEqualTo(PATCHES);
        assertThat(report.skips()).extracting(Skipped::reason).allSatisfy(r ->
                assertThat(r).contains("BigEarthNet-S2.tar.zst could not be read past its first"));
    }

    @Test
    void aReleaseWithoutItsMetadataIsRefusedWithTheReason() throws Exception {
        String collection = "ben2-" + UUID.randomUUID().toString().substring(0, 8);
        Path release = temp.resolve("reBEN-nometa");
        PythonTools.run("make_bigearthnet_v2.py", release.toString(), "2", "--folders");
        Files.delete(release.resolve("metadata.parquet"));

        IngestReport report = ingest.ingest(BigEarthNetV2Format.NAME, collection, release);

        assertThat(report.succeeded()).isFalse();
        assertThat(report.failure()).contains("has no metadata.parquet");
        assertThat(report.created()).isZero();
    }
}
