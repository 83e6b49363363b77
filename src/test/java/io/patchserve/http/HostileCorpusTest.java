package io.patchserve.http;

import io.patchserve.ingest.IngestService;
import io.patchserve.ingest.bigearthnet.BigEarthNetFormat;
import io.patchserve.testing.PythonTools;
import io.patchserve.testing.SmcefrFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-request corpus (src/test/python/hostile_corpus.py, Hypothesis): over a thousand requests per
 * collection generated from the OpenAPI document the service serves, with garbage and boundary values for every
 * path value, parameter, header and body, half of them with a write credential. No answer may be a 5xx, every 4xx
 * carries the JSON error body with a short description that names no internals, and the service is ready after.
 */
@QuarkusTest
@TestProfile(HostileCorpusTest.WithWrites.class)
class HostileCorpusTest {

    static final String KEY = "corpus-writer-key";
    static final Path IMPORT_ROOT = Path.of(System.getProperty("java.io.tmpdir"), "patchserve-corpus-imports");

    public static class WithWrites implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("patchserve.auth.write-keys", KEY, "patchserve.ingest.import-root", IMPORT_ROOT.toString());
        }
    }

    @Inject
    IngestService ingest;

    @TempDir
    Path temp;

    /** Every operation the contract declares: the corpus must have reached each. */
    @SuppressWarnings("unchecked")
    private static long operations() throws Exception {
        try (var in = Files.newInputStream(Path.of("openapi/openapi.yaml"))) {
            Map<String, Object> document = (Map<String, Object>) new org.snakeyaml.engine.v2.api.Load(
                    org.snakeyaml.engine.v2.api.LoadSettings.builder().build()).loadFromInputStream(in);
            return ((Map<String, Map<String, Object>>) document.get("paths")).values().stream()
                    .mapToLong(item -> item.keySet().stream().filter(m -> Set.of("get", "head", "post", "put", "delete", "patch").contains(m)).count())
                    .sum();
        }
    }

    @Test
    void aThousandHostileRequestsOverEveryRouteGetNo5xx() throws Exception {
        Files.createDirectories(IMPORT_ROOT);
        String smcefr = "corpus-" + UUID.randomUUID().toString().substring(0, 8);
        SmcefrFixtures.ingested(ingest, smcefr, temp.resolve("smcefr"), 3, 64);
        String output = PythonTools.run("hostile_corpus.py", "http://localhost:" + RestAssured.port, smcefr,
                SmcefrFixtures.productName(0), KEY, "1000");
        assertThat(output).containsPattern("corpus: ok, 1\\d{3} requests over " + operations() + " operations");

        String ben = "corpus-" + UUID.randomUUID().toString().substring(0, 8);
        Path release = temp.resolve("ben");
        PythonTools.run("make_bigearthnet.py", release.toString(), "2");
        assertThat(ingest.ingest(BigEarthNetFormat.NAME, ben, release).created()).isEqualTo(2);
        String patch = given().get("/collections/{c}/items?limit=1", ben).then().statusCode(200).extract().path("features[0].id");
        output = PythonTools.run("hostile_corpus.py", "http://localhost:" + RestAssured.port, ben, patch, KEY, "1000");
        assertThat(output).containsPattern("corpus: ok, 1\\d{3} requests over " + operations() + " operations");
        given().get("/q/health/ready").then().statusCode(200);
    }
}
