package io.patchserve.ops;

import io.patchserve.ingest.IngestService;
import io.patchserve.testing.SmcefrFixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Prometheus metrics at /q/metrics reflect the traffic and the ingests that happened. */
@QuarkusTest
class MetricsTest {

    @Inject
    IngestService ingest;

    @TempDir
    Path temp;

    private static double value(String metrics, String name, String labelFragment) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{(.*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(metrics);
        double sum = 0;
        while (m.find()) {
            if (m.group(1).contains(labelFragment)) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    @Test
    void requestsBytesAndIngestsAreCounted() {
        String collection = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        SmcefrFixtures.release(temp.resolve("release"), 2, 16);
        String before = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double createdBefore = value(before, "patchserve_ingest_items_total", "outcome=\"created\"");
        double skippedBefore = value(before, "patchserve_ingest_items_total", "outcome=\"skipped\"");
        double bytesBefore = value(before, "patchserve_bytes_served_bytes_total", "route=\"asset\"");

        ingest.ingest("smcefr", collection, temp.resolve("release"));
        for (int i = 0; i < 3; i++) {
            given().get("/collections/{c}", collection).then().statusCode(200);
        }
        byte[] png = given().get("/collections/{c}/items/{i}/assets/image", collection, SmcefrFixtures.productName(0))
                .then().statusCode(200).extract().asByteArray();

        String after = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(value(after, "patchserve_ingest_items_total", "outcome=\"created\"") - createdBefore).isEqualTo(2);
        assertThat(value(after, "patchserve_ingest_items_total", "outcome=\"skipped\"") - skippedBefore).isEqualTo(4);
        assertThat(value(after, "patchserve_bytes_served_bytes_total", "route=\"asset\"") - bytesBefore).isEqualTo(png.length);
        assertThat(value(after, "http_server_requests_seconds_count", "uri=\"/collections/{collectionId}\"")).isGreaterThanOrEqualTo(3);
        assertThat(after).contains("http_server_requests_seconds_bucket{");
    }
}
