package io.patchserve.ingest.bigearthnet;

import java.util.Map;
import java.util.List;
import java.util.HashMap;
import java.nio.charset.StandardCharsets;
import java.io.ByteArrayInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import io.patchserve.ingest.IngestReport;
import io.patchserve.ingest.IngestService;
import io.patchserve.ingest.Skipped;
import io.patchserve.testing.PythonTools;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

import static io.patchserve.ingest.SmcefrIngestTestAccess.objectKeys;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A BigEarthNet-S2 release made by GDAL in the real layout is ingested; a Python reader (h5py, numpy, Pillow,
 * GDAL) then checks HDF5 values against the GeoTIFFs, labels, splits, statistics against numpy, and crops.
 */
@QuarkusTest
class BigEarthNetIngestTest {

    private static final int PATCHES = 7;

    @Inject
    IngestService ingest;

    @TempDir
    Path temp;

    @Test
    void ingestsGdalMadePatchesThatAPythonReaderFindsExact() throws Exception {
        String collection = "ben-" + UUID.randomUUID().toString().substring(0, 8);
        Path release = temp.resolve("BigEarthNet-v1.0");
        PythonTools.run("make_bigearthnet.py", release.toString(), String.valueOf(PATCHES), "--bad");

        IngestReport report = ingest.ingest(BigEarthNetFormat.NAME, collection, release);

        assertThat(report.succeeded()).as(report.failure()).isTrue();
        assertThat(report.created()).isEqualTo(PATCHES);
        assertThat(report.skips()).extracting(Skipped::source).containsExactlyInAnyOrder(
                "S2A_MSIL2A_20170701T101031_90_90", "S2A_MSIL2A_20170702T101031_91_91", "S2A_MSIL2A_20170703T101031_92_92");
        assertThat(report.skips()).extracting(Skipped::reason).anySatisfy(r -> assertThat(r).contains("B03.tif").contains("truncated"))
                .anySatisfy(r -> assertThat(r).isEqualTo("labels name unknown classes [Lunar regolith]"))
                .anySatisfy(r -> assertThat(r).isEqualTo("missing band file S2A_MSIL2A_20170703T101031_92_92_B8A.tif"));
        // skipped patches leave nothing behind; each published one has its HDF5 and its preview
        assertThat(objectKeys(collection)).hasSize(PATCHES * 2).noneMatch(k -> k.contains("_9"));

        String output = PythonTools.run("check_bigearthnet.py", "http://localhost:" + RestAssured.port, collection,
                release.toString());
        assertThat(output).contains("bigearthnet: ok, " + PATCHES + " patches, 48 band statistics");

        // every released name form is an item under its own name; seconds 60 and 61 clamp in the datetime only,
        // the acquisition date is kept as written; a class the 19-class nomenclature drops maps to nothing
        List<Map<String, Object>> features = given().get("/collections/{c}/items?limit=100", collection).then()
                .statusCode(200).extract().jsonPath().getList("features");
        for (String form : new String[]{"T94160_", "T94161_", "T93032_", "T101031_"}) {
            assertThat(features).as(form).anyMatch(f -> ((String) f.get("id")).contains(form));
        }
        List<Map<String, Object>> sixty = features.stream().filter(f -> ((String) f.get("id")).matches(".*T9416[01]_.*")).toList();
        assertThat(sixty).isNotEmpty().allSatisfy(f -> {
            Map<?, ?> props = (Map<?, ?>) f.get("properties");
            assertThat((String) props.get("datetime")).endsWith("T09:41:59Z");
            assertThat((String) props.get("bigearthnet:acquisition_date")).matches("2017-0\\d-\\d\\d 09:41:6[01]");
        });
        assertThat(features).anySatisfy(f -> {
            Map<?, ?> props = (Map<?, ?>) f.get("properties");
            assertThat(props.get("labels")).asList().contains("Intertidal flats", "Salines");
            assertThat(props.get("labels_19")).asList().contains("Coastal wetlands");
        });

        assertThat(given().get("/collections/{c}", collection).then().extract().jsonPath().getList("stac_extensions", String.class))
                .containsExactly("https://stac-extensions.github.io/eo/v1.1.0/schema.json",
                        "https://stac-extensions.github.io/item-assets/v1.0.0/schema.json",
                        "https://stac-extensions.github.io/label/v1.0.1/schema.json",
                        "https://stac-extensions.github.io/raster/v1.1.0/schema.json",
                        "https://stac-extensions.github.io/scientific/v1.0.0/schema.json");
        // the class lists as the label extension has them, beside patchserve:classes
        JsonPath described = given().get("/collections/{c}", collection).then().extract().jsonPath();
        assertThat(described.getList("summaries.'label:properties'")).containsExactly("labels", "labels_19");
        assertThat(described.getList("summaries.'label:classes'.name")).containsExactly("labels", "labels_19");
        assertThat(described.getList("summaries.'label:classes'[0].classes")).isEqualTo(described.getList("'patchserve:classes'.labels"));
        assertThat(described.getList("summaries.'label:classes'[1].classes")).hasSize(19);
        assertThat(described.getList("summaries.'label:tasks'")).containsExactly("classification");
        // the derived assets are declared once, with their bands in the type they are served in
        assertThat(described.getList("item_assets.geotiff.'raster:bands'.name")).containsExactly(
                "B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B11", "B12");
        assertThat(described.getList("item_assets.geotiff.'raster:bands'.data_type")).containsOnly("uint16");
        assertThat(described.getString("item_assets.'patch-npy'.type")).isEqualTo("application/x-npy");
        assertThat(described.getList("item_assets.'patch-h5'.'eo:bands'")).hasSize(12);
        // each item's split under the ML-AOI extension's name and vocabulary (val is validate there)
        assertThat(features).allSatisfy(f -> {
            Map<?, ?> props = (Map<?, ?>) f.get("properties");
            assertThat(props.get("ml-aoi:split")).isEqualTo(Map.of("train", "train", "val", "validate", "test", "test").get(props.get("split")));
            assertThat((List<Object>) f.get("stac_extensions")).contains((Object) "https://stac-extensions.github.io/ml-aoi/v0.2.0/schema.json");
        });
        // the collection and its items are valid STAC under every extension they declare (eo, raster, sci, ...)
        io.patchserve.testing.StacSchemas.assertValidCollection(given().get("/collections/{c}", collection).then().statusCode(200)
                .extract().asString());
        io.patchserve.testing.StacSchemas.assertValidItemCollection(given().get("/collections/{c}/items?limit=100", collection)
                .then().statusCode(200).extract().asString());
        // the nomenclatures are enums of the queryables, and a class name with a typo is a 400, not 0 results
        JsonPath queryables = given().get("/collections/{c}/queryables", collection).then().statusCode(200).extract().jsonPath();
        assertThat(queryables.getList("properties.labels_19.items.enum")).hasSize(19).contains("Inland waters");
        assertThat(queryables.getList("properties.labels.items.enum")).hasSize(43);
        assertThat(queryables.getList("properties.platform.enum")).containsExactly("sentinel-2a", "sentinel-2b");
        given().queryParam("filter", "A_CONTAINS(labels_19, ('Inland water'))").get("/collections/{c}/items", collection)
                .then().statusCode(400).body("description", org.hamcrest.Matchers.containsString("labels_19 is never 'Inland water'"));

        String table = PythonTools.run("check_table.py", "http://localhost:" + RestAssured.port, collection);
        assertThat(table).contains("table: ok, " + PATCHES + " items");

        String stack = PythonTools.run("check_stack.py", "http://localhost:" + RestAssured.port, collection, release.toString());
        assertThat(stack).contains("stack: ok, " + PATCHES + " items");

        String statistics = given().get("/collections/{c}/statistics", collection).then().statusCode(200).extract().asString();
        io.patchserve.testing.OpenApiSchemas.assertMatches("Statistics", statistics);
        JsonPath before = JsonPath.from(statistics);
        IngestReport rerun = ingest.ingest(BigEarthNetFormat.NAME, collection, release);
        assertThat(rerun.unchanged()).isEqualTo(PATCHES);
        assertThat(rerun.created()).isZero();
        JsonPath after = given().get("/collections/{c}/statistics", collection).then().statusCode(200).extract().jsonPath();
        assertThat(after.getLong("bands.B02.count")).isEqualTo(before.getLong("bands.B02.count")).isEqualTo(PATCHES * 120L * 120);
    }

    @Test
    void declaresBandsAndBothNomenclaturesInClassOrder() throws Exception {
        String collection = "ben-" + UUID.randomUUID().toString().substring(0, 8);
        Path release = temp.resolve("release");
        PythonTools.run("make_bigearthnet.py", release.toString(), "1");
        assertThat(ingest.ingest(BigEarthNetFormat.NAME, collection, release).created()).isEqualTo(1);

        JsonPath c = given().get("/collections/{c}", collection).then().statusCode(200).extract().jsonPath();
        assertThat(c.getList("'patchserve:classes'.labels")).hasSize(43).startsWith("Continuous urban fabric");
        assertThat(c.getList("'patchserve:classes'.labels_19")).hasSize(19).endsWith("Marine waters");
        assertThat(c.getList("'patchserve:raster'.rgb")).containsExactly("B04", "B03", "B02");
        assertThat(c.getList("summaries.'eo:bands'.name")).hasSize(12).contains("B8A");

        // a bundle's manifests carry each declared nomenclature's labels, read back with commons-compress
        JsonPath item = given().get("/collections/{c}/items", collection).then().statusCode(200).extract().jsonPath();
        byte[] tar = given().get("/collections/{c}/bundle.tar", collection).then().statusCode(200).extract().asByteArray();
        Map<String, String> entries = new HashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().startsWith("manifest.")) {
                    entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        JsonPath manifest = JsonPath.from(entries.get("manifest.json"));
        List<String> labels = item.getList("features[0].properties.labels");
        assertThat(manifest.getList("items[0].labels")).isEqualTo(labels).isNotEmpty();
        assertThat(manifest.getList("items[0].labels_19")).isEqualTo(item.getList("features[0].properties.labels_19"));
        String joined = String.join("|", labels);
        String field = joined.contains(",") || joined.contains("\"") ? "\"" + joined.replace("\"", "\"\"") + "\"" : joined;
        assertThat(entries.get("manifest.csv").lines().skip(1).findFirst().orElseThrow()).contains("," + field + ",");
    }
}
