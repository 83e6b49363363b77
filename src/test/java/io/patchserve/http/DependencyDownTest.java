package io.patchserve.http;

import io.patchserve.catalog.ItemStore;

import io.patchserve.catalog.CatalogWriter;
import io.patchserve.catalog.NewCollection;
import io.patchserve.catalog.NewItem;
import io.patchserve.catalog.StoredAsset;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** With S3 unreachable, readiness is down and reads that need S3 answer 503 with Retry-After, not 500. */
@QuarkusTest
@TestProfile(DependencyDownTest.S3Unreachable.class)
class DependencyDownTest {

    public static class S3Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // a port nothing listens on: connections are refused at once
            return Map.of("patchserve.storage.endpoint", "http://127.0.0.1:9",
                    "patchserve.storage.connect-timeout", "1S");
        }
    }

    @Inject
    CatalogWriter writer;

    @Inject
    ItemStore items;

    @Test
    void readinessIsDown() {
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    }

    @Test
    void anAssetReadIs503WithRetryAfter() {
        String collection = "down-" + UUID.randomUUID().toString().substring(0, 8);
        writer.ensureCollection(new NewCollection(collection, null, "d", "CC0-1.0", List.of(), Map.of()));
        String sha = "0".repeat(64);
        items.upsert(new NewItem(collection, "a", null, Instant.parse("2021-01-01T00:00:00Z"), null, null, Map.of(),
                Map.of("image", new StoredAsset(collection + "/a/image.png", "image/png", 10, sha, List.of("data"), null, "a.png")),
                "h"), null, null);

        given().get("/collections/{c}/items/a/assets/image", collection).then().statusCode(503)
                .header("Retry-After", "5")
                .body("code", equalTo("ServiceUnavailable"));
        // the catalog itself still answers
        given().get("/collections/{c}/items/a", collection).then().statusCode(200);
    }
}
