package io.patchserve.bundle;

import io.patchserve.ingest.IngestService;
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
 * A bundle.h5 larger than the 256 MB the stack was once assembled in memory up to (90 RGB images of 1000 x 1000,
 * 270 MB of pixels), streamed to disk by a Python client and read back by h5py and xarray, pixels compared with
 * the items' own PNGs. (bench/stack.sh streams 3.2 GB and measures the service's memory while it does.)
 */
@QuarkusTest
class LargeStackTest {

    private static final long OLD_IN_MEMORY_CAP = 256L << 20;

    @Inject
    IngestService ingest;

    @TempDir
    Path temp;

    @Test
    void aStackPastTheOldInMemoryCapStreamsAndReadsBack() throws Exception {
        String collection = "large-stack-" + UUID.randomUUID().toString().substring(0, 8);
        SmcefrFixtures.ingested(ingest, collection, temp.resolve("release"), 90, 1000);
        String output = PythonTools.run("check_large_stack.py", "http://localhost:" + RestAssured.port, collection,
                String.valueOf(OLD_IN_MEMORY_CAP));
        assertThat(output).contains("large stack: ok, 90 items");
    }
}
