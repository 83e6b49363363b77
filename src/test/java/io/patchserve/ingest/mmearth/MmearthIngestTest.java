package io.patchserve.ingest.mmearth;

import io.patchserve.catalog.CatalogWriter;
import io.patchserve.catalog.NewCollection;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/** An MMEarth release made by h5py is ingested row by row and checked by h5py against its source. */
@QuarkusTest
class MmearthIngestTest {

    private static final int ROWS = 12;

    @Inject
    IngestService ingest;

    @Inject
    CatalogWriter writer;

    @TempDir
    Path temp;

    @Test
    void ingestsRowsThatH5pyFindsExact() throws Exception {
        String collection = "mmearth-" + UUID.randomUUID().toString().substring(0, 8);
        Path release = temp.resolve("data_1M_v001");
        PythonTools.run("make_mmearth.py", release.toString(), String.valueOf(ROWS));

        IngestReport report = ingest.ingest(MmearthFormat.NAME, collection, release);

        assertThat(report.succeeded()).as(report.failure()).isTrue();
        assertThat(report.created()).isEqualTo(ROWS - 2);
        assertThat(report.skips()).extracting(Skipped::reason).containsExactlyInAnyOrder(
                "tile tile_00003_2020 is not in data_1M_v001_tile_info.json",
                "tile tile_00005_2020 is at lat 91.0, lon 11.1: outside -90..90, -180..180 degrees");
        String output = PythonTools.run("check_mmearth.py", "http://localhost:" + RestAssured.port, collection, release.toString());
        assertThat(output).contains("mmearth: ok, " + (ROWS - 2) + " rows checked");

        assertThat(ingest.ingest(MmearthFormat.NAME, collection, release).unchanged()).isEqualTo(ROWS - 2);

        // the collection and its items are valid STAC under every extension they declare (eo, raster, sci, ...)
        io.patchserve.testing.StacSchemas.assertValidCollection(given().get("/collections/{c}", collection).then().statusCode(200)
                .extract().asString());
        io.patchserve.testing.StacSchemas.assertValidItemCollection(given().get("/collections/{c}/items?limit=100", collection)
                .then().statusCode(200).extract().asString());
        // the whole collection, and a selection, exported in MMEarth's layout and read as MMEarth-train reads it
        String base = "http://localhost:" + RestAssured.port;
        assertThat(PythonTools.run("check_mmearth_export.py", base, collection, release.toString()))
                .contains("mmearth export: ok, " + (ROWS - 2) + " samples");
        assertThat(PythonTools.run("check_mmearth_export.py", base, collection, release.toString(),
                "ids=tile_00000_2020,tile_00007_2020,tile_00010_2020"))
                .contains("mmearth export: ok, 3 samples");
        // a collection that is not MMEarth's has nothing to export in its layout: a 400 that says so
        String plain = "plain-" + UUID.randomUUID().toString().substring(0, 8);
        writer.ensureCollection(new NewCollection(plain, null, "d", "CC0-1.0", List.of(), Map.of()));
        given().get("/collections/{c}/bundle.mmearth.tar", plain).then().statusCode(400)
                .body("description", containsString("not ingested from an MMEarth release"));
    }

    /**
     * Merged releases' metadata holds tile_id alone: each row's product type then comes from tile_info. (As the
     * 100k release, under its own name.)
     */
    @Test
    void readsTheMetadataOfMergedFilesWithTileIdsAlone() throws Exception {
        String collection = "mmearth-" + UUID.randomUUID().toString().substring(0, 8);
        Path release = temp.resolve("data_100k_v001");
        PythonTools.run("make_mmearth.py", release.toString(), "8", "16", "--metadata", "tile_id", "--stem", "data_100k_v001");

        IngestReport report = ingest.ingest(MmearthFormat.NAME, collection, release);

        assertThat(report.succeeded()).as(report.failure()).isTrue();
        assertThat(report.created()).isEqualTo(6);
        String output = PythonTools.run("check_mmearth.py", "http://localhost:" + RestAssured.port, collection, release.toString());
        assertThat(output).contains("mmearth: ok, 6 rows checked");
        assertThat(PythonTools.run("check_mmearth_export.py", "http://localhost:" + RestAssured.port, collection,
                release.toString())).contains("mmearth export: ok, 6 samples");
    }

    /**
     * A Sentinel-2 modality without the bands of the default RGB (here 12 unnamed bands) once aborted the whole
     * ingest building the first preview; now every row lands with a grey-scale preview of the first band.
     */
    @Test
    void aReleaseWithoutTheDefaultRgbBandsLandsWithGreyPreviews() throws Exception {
        String collection = "mmearth-" + UUID.randomUUID().toString().substring(0, 8);
        Path release = temp.resolve("data_1M_v001_64");
        PythonTools.run("make_mmearth.py", release.toString(), "6", "64", "--s2-bands", "12", "--stem", "data_1M_v001_64");

        IngestReport report = ingest.ingest(MmearthFormat.NAME, collection, release);

        assertThat(report.succeeded()).as(report.failure()).isTrue();
        assertThat(report.created()).isEqualTo(4);
        assertThat(report.skips()).hasSize(2);
        String output = PythonTools.run("check_mmearth.py", "http://localhost:" + RestAssured.port, collection, release.toString());
        assertThat(output).contains("mmearth: ok, 4 rows checked");
    }

    @Test
    void aTruncatedFileStopsTheRunWithoutHalfItems() throws Exception {
        String collection = "mmearth-" + UUID.randomUUID().toString().substring(0, 8);
        Path release = temp.resolve("data_1M_v001");
        PythonTools.run("make_mmearth.py", release.toString(), "4");
        Path h5 = release.resolve("data_1M_v001.h5");
        byte[] bytes = Files.readAllBytes(h5);
        Files.write(h5, java.util.Arrays.copyOf(bytes, bytes.length / 3));

        IngestReport report = ingest.ingest(MmearthFormat.NAME, collection, release);

        assertThat(report.succeeded()).isFalse();
        assertThat(report.failure()).contains("data_1M_v001.h5");
        assertThat(report.created()).isZero();
        // the release is refused before anything is created: no collection, no items
        given().get("/collections/{c}/items", collection).then().statusCode(404);
    }
}
