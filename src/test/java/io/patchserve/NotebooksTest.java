package io.patchserve;

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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notebooks under {@code notebooks/} run top to bottom in a Jupyter kernel (nbclient) against this test
 * service, over a BigEarthNet release made by GDAL and an SMCEFR one; each cell asserts what it shows.
 */
@QuarkusTest
class NotebooksTest {

    @Inject
    IngestService ingest;

    @TempDir
    Path temp;

    @Test
    void theNotebooksRunGreen() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String ben = "nb-ben-" + suffix, smcefr = "nb-smcefr-" + suffix;
        Path release = temp.resolve("ben");
        PythonTools.run("make_bigearthnet.py", release.toString(), "9");
        assertThat(ingest.ingest(BigEarthNetFormat.NAME, ben, release).created()).isEqualTo(9);
        SmcefrFixtures.ingested(ingest, smcefr, temp.resolve("smcefr"), 5, 16);

        String output = PythonTools.run("run_notebooks.py", "http://localhost:" + RestAssured.port,
                "notebooks/quickstart.ipynb=" + ben, "notebooks/smcefr.ipynb=" + smcefr);
        assertThat(output).contains("notebooks: ok, quickstart.ipynb 8 cells, 1 figures; smcefr.ipynb 3 cells, 1 figures");
    }
}
