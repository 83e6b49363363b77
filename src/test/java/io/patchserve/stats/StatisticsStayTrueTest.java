package io.patchserve.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchserve.catalog.TransactionService;
import io.patchserve.ingest.IngestReport;
import io.patchserve.ingest.IngestService;
import io.patchserve.ingest.bigearthnet.BigEarthNetFormat;
import io.patchserve.ingest.mmearth.MmearthFormat;
import io.patchserve.testing.PythonTools;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A collection's statistics equal a recomputation over the items it serves (numpy over each item's HDF5, by
 * check_statistics.py) after each kind of change a release goes through: a relabel, a patch moved to another
 * split, new pixels for a patch, a patch deleted, a split emptied. The release is edited by GDAL and plain file
 * edits, as a publisher's correction would be.
 */
@QuarkusTest
class StatisticsStayTrueTest {

    private static final int PATCHES = 6;

    @Inject
    IngestService ingest;

    @Inject
    TransactionService transactions;

    @TempDir
    Path temp;

    @Test
    void statisticsEqualARecomputationOverTheItemsServedAfterEveryKindOfChange() throws Exception {
        String collection = "stay-" + UUID.randomUUID().toString().substring(0, 8);
        Path release = temp.resolve("BigEarthNet-v1.0");
        JsonNode made = new ObjectMapper().readTree(PythonTools.run("make_bigearthnet.py", release.toString(),
                String.valueOf(PATCHES)));
        String train0 = made.at("/splits/train/0").asText();
        String train1 = made.at("/splits/train/1").asText();
        String val0 = made.at("/splits/val/0").asText();
        String test0 = made.at("/splits/test/0").asText();
        String test1 = made.at("/splits/test/1").asText();

        ingestExpecting(collection, release, PATCHES, 0);
        assertRecomputed(collection, PATCHES);
        assertThat(given().get("/collections/{c}/statistics", collection).then().statusCode(200).extract().jsonPath()
                .getLong("splits.train.B02.items")).isEqualTo(2);

        edit(release, "relabel", train0, "Water bodies", "Sea and ocean");
        ingestExpecting(collection, release, 0, 1);
        assertRecomputed(collection, PATCHES);

        edit(release, "move", train1, "val");
        ingestExpecting(collection, release, 0, 1);
        assertRecomputed(collection, PATCHES);
        assertThat(given().get("/collections/{c}/statistics", collection).then().statusCode(200).extract().jsonPath()
                .getLong("splits.val.B02.items")).isEqualTo(3);

        edit(release, "repaint", val0, "7"); // new pixels above every other patch's: the maxima move with them
        ingestExpecting(collection, release, 0, 1);
        assertRecomputed(collection, PATCHES);

        transactions.deleteItem(collection, val0); // it held the maxima
        assertRecomputed(collection, PATCHES - 1);

        transactions.deleteItem(collection, test0);
        transactions.deleteItem(collection, test1); // the test split is empty now: it has no statistics left
        assertRecomputed(collection, PATCHES - 3);
        assertThat(given().get("/collections/{c}/statistics", collection).then().statusCode(200).extract().jsonPath()
                .getMap("splits")).doesNotContainKey("test");
    }

    @Test
    void floatingPointExtremesFollowTheItemsThatRemain() throws Exception {
        String collection = "stay-mm-" + UUID.randomUUID().toString().substring(0, 8);
        Path release = temp.resolve("data_1M_v001");
        PythonTools.run("make_mmearth.py", release.toString(), "8");
        IngestReport report = ingest.ingest(MmearthFormat.NAME, collection, release);
        assertThat(report.succeeded()).as(report.failure()).isTrue();
        List<String> ids = given().get("/collections/{c}/items?limit=100", collection).then().statusCode(200)
                .extract().jsonPath().getList("features.id");
        assertThat(ids).hasSize(6);
        // the release's own statistics stand for some whole-collection rows; the computed ones (float32 Sentinel-1
        // and era5 among them) must follow every deletion, whichever item held a minimum or a maximum
        assertRecomputed(collection, ids.size(), "--computed-only");
        for (int i = 0; i < ids.size() - 1; i++) {
            transactions.deleteItem(collection, ids.get(i));
            assertRecomputed(collection, ids.size() - i - 1, "--computed-only");
        }
    }

    private void ingestExpecting(String collection, Path release, int created, int updated) {
        IngestReport report = ingest.ingest(BigEarthNetFormat.NAME, collection, release);
        assertThat(report.succeeded()).as(report.failure()).isTrue();
        assertThat(report.created()).isEqualTo(created);
        assertThat(report.updated()).isEqualTo(updated);
    }

    private static void edit(Path release, String... action) throws Exception {
        String[] args = new String[action.length + 1];
        args[0] = release.toString();
        System.arraycopy(action, 0, args, 1, action.length);
        assertThat(PythonTools.run("edit_bigearthnet.py", args)).contains("edited: " + action[0]);
    }

    private static void assertRecomputed(String collection, int items, String... options) throws Exception {
        String[] args = new String[options.length + 2];
        args[0] = "http://localhost:" + RestAssured.port;
        args[1] = collection;
        System.arraycopy(options, 0, args, 2, options.length);
        String output = PythonTools.run("check_statistics.py", args);
        assertThat(output).contains("statistics: ok, " + items + " items");
    }
}
