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
        SmcefrFixtures.ingested(ingest, "smcefr-demo", temp.resolve("smcefr"), 3, 32);
        Path ben = temp.resolve("ben");
        PythonTools.run("make_bigearthnet.py", ben.toString(), "6");
        assertThat(ingest.ingest(BigEarthNetFormat.NAME, "bigearthnet-demo", ben).succeeded()).isTrue();

        String output = PythonTools.run("run_readme_recipes.py", "http://localhost:" + RestAssured.port, "README.md",
                temp.resolve("user").toString());
        assertThat(output).contains("readme recipes: ok, 3 recipes");
    }
}
