package io.patchserve.http;

import io.patchserve.ingest.IngestService;
import io.patchserve.ingest.bigearthnet.BigEarthNetFormat;
import io.patchserve.testing.PythonTools;
import io.patchserve.testing.SmcefrFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's curl, Python and bundle recipes, run as a user pastes them against collections named as the demo
 * names them (src/test/python/run_readme_recipes.py): a recipe that stops working fails here.
 */
@QuarkusTest
class ReadmeRecipesTest {

    @Inject
    IngestService ingest;

    @TempDir
    Path temp;

    @Test
    void everyRecipeRunsAndDoesWhatItSays() throws Exception {
        // the demo's collection names (a rerun over the same database finds them there already)
        SmcefrFixtures.release(temp.resolve("smcefr"), 3, 32);
        var smcefr = ingest.ingest("smcefr", "smcefr-demo", temp.resolve("smcefr"));
        assertThat(smcefr.created() + smcefr.updated() + smcefr.unchanged()).isEqualTo(3);
        Path ben = temp.resolve("ben");
        PythonTools.run("make_bigearthnet.py", ben.toString(), "6");
        var bigearthnet = ingest.ingest(BigEarthNetFormat.NAME, "bigearthnet-demo", ben);
        assertThat(bigearthnet.created() + bigearthnet.updated() + bigearthnet.unchanged()).isEqualTo(6);

        String output = PythonTools.run("run_readme_recipes.py", "http://localhost:" + RestAssured.port, "README.md",
                temp.resolve("user").toString());
        assertThat(output).contains("readme recipes: ok, 6 recipes");
    }
}
