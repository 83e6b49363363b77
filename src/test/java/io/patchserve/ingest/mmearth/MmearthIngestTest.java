package io.patchserve.ingest.mmearth;

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
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** An MMEarth release made by h5py is ingested row by row and checked by h5py against its source. */
@QuarkusTest
class MmearthIngestTest {

    private static final int ROWS = 12;

    @Inject
    IngestService ingest;

    @TempDir
    Path temp;

    @Test
    void ingestsRowsThatH5pyFindsExact() throws Exception {
        String collection = "mmearth-" + UUID.randomUUID().toString().substring(0, 8);
        Path release = temp.resolve("data_1M_v001");
        PythonTools.run("make_mmearth.py", release.toString(), String.valueOf(ROWS));

        IngestReport report = ingest.ingest(MmearthFormat.NAME, collection, release);

        assertThat(report.succeeded()).as(report.failure()).isTrue();
        assertThat(report.created()).isEqualTo(ROWS - 1);
        assertThat(report.skips()).extracting(Skipped::reason)
                .containsExactly("tile tile_00003 is not in data_1M_v001_tile_info.json");
        String output = PythonTools.run("check_mmearth.py", "http://localhost:" + RestAssured.port, collection, release.toString());
        assertThat(output).contains("mmearth: ok, " + (ROWS - 1) + " rows checked");

        assertThat(ingest.ingest(MmearthFormat.NAME, collection, release).unchanged()).isEqualTo(ROWS - 1);
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
