package io.patchserve.stacapi;

import io.patchserve.ingest.IngestService;
import io.patchserve.testing.SmcefrFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A Python client using only its standard library searches, pages, downloads, verifies and resumes. */
@QuarkusTest
class NotebookUserTest {

    @Inject
    IngestService ingest;

    @TempDir
    Path temp;

    @Test
    void aPythonNotebookCanFindDownloadAndVerifyPatches() throws Exception {
        String collection = "notebook-" + UUID.randomUUID().toString().substring(0, 8);
        SmcefrFixtures.ingested(ingest, collection, temp.resolve("release"), 5, 64);

        Process python = new ProcessBuilder("python3", "src/test/python/notebook_user.py",
                "http://localhost:" + RestAssured.port, collection, "5").redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes());
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(output).isZero();
        assertThat(output).contains("notebook user: ok, 5 items paged, downloaded and verified");
    }
}
