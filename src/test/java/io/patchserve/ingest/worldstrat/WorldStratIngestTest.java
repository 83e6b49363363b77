package io.patchserve.ingest.worldstrat;

import io.patchserve.ingest.IngestReport;
import io.patchserve.ingest.IngestService;
import io.patchserve.ingest.Skipped;
import io.patchserve.testing.PythonTools;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WorldStrat release made with GDAL and pandas (make_worldstrat.py) is ingested area by area and checked
 * against its source TIFFs by tifffile, h5py and xarray (check_worldstrat.py): SPOT images and revisit stacks
 * exact, revisits in natural order with their dates, search by overlapping interval, names with spaces.
 */
@QuarkusTest
class WorldStratIngestTest {

    @Inject
    IngestService ingest;

    @TempDir
    Path temp;

    @Test
    void areasLandWithTheirRevisitsAsTimeSeries() throws Exception {
        String collection = "worldstrat-" + UUID.randomUUID().toString().substring(0, 8);
        Path release = temp.resolve("dataset");
        PythonTools.run("make_worldstrat.py", release.toString());

        IngestReport report = ingest.ingest(WorldStratFormat.NAME, collection, release);

        assertThat(report.succeeded()).as(report.failure()).isTrue();
        assertThat(report.created()).isEqualTo(3);
        assertThat(report.skips()).extracting(Skipped::reason).containsExactlyInAnyOrder(
                "lr_dataset/ASMSpotter-1-1-1/L2A/ASMSpotter-1-1-1-3-L2A_data.tiff has 11 bands; l2a has 12 "
                        + "(B01, B02, B03, B04, B05, B06, B07, B08, B8A, B09, B11, B12)",
                "no low-resolution revisits: lr_dataset/Landcover-000001/L2A/ holds no Landcover-000001-<n>-L2A_data.tiff");
        String output = PythonTools.run("check_worldstrat.py", "http://localhost:" + RestAssured.port, collection,
                release.toString());
        assertThat(output).contains("worldstrat: ok, 3 areas checked");

        // statistics over every revisit, pixels under L2A's cloud mask left out
        assertThat(PythonTools.run("check_statistics.py", "http://localhost:" + RestAssured.port, collection))
                .contains("statistics: ok, 3 items");
        // the collection says which groups have a time axis
        given().get("/collections/{c}", collection).then().statusCode(200)
                .body("'patchserve:raster'.groups.find { it.name == 'l2a' }.time", org.hamcrest.Matchers.equalTo(true))
                .body("'patchserve:raster'.groups.find { it.name == 'ps' }.time", org.hamcrest.Matchers.nullValue());
        // a rerun finds nothing changed
        assertThat(ingest.ingest(WorldStratFormat.NAME, collection, release).unchanged()).isEqualTo(3);
        io.patchserve.testing.StacSchemas.assertValidItemCollection(given().get("/collections/{c}/items?limit=100", collection)
                .then().statusCode(200).extract().asString());
    }
}
