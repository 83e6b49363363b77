package io.patchserve.http;

import io.patchserve.ingest.IngestService;
import io.patchserve.testing.SmcefrFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON goes gzip-compressed to clients that accept it and decodes to the same document; stored bytes (assets,
 * bundles) never do, so their length, ETag and ranges stay the stored ones. A plain JDK client, which does not
 * decompress, sees the wire.
 */
@QuarkusTest
class CompressionTest {

    @Inject
    IngestService ingest;

    @TempDir
    Path temp;

    private static HttpResponse<byte[]> get(String path, String encoding) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path));
        if (encoding != null) {
            request.header("Accept-Encoding", encoding);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void jsonIsCompressedWhenAcceptedAndStoredBytesNeverAre() throws Exception {
        String collection = "gzip-" + UUID.randomUUID().toString().substring(0, 8);
        SmcefrFixtures.ingested(ingest, collection, temp.resolve("smcefr"), 3, 64);
        String page = "/collections/" + collection + "/items?limit=10";

        HttpResponse<byte[]> plain = get(page, null);
        HttpResponse<byte[]> gzip = get(page, "gzip");
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
        byte[] decoded = new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes();
        assertThat(new String(decoded, StandardCharsets.UTF_8)).isEqualTo(new String(plain.body(), StandardCharsets.UTF_8));
        assertThat(gzip.body().length).isLessThan(plain.body().length);

        String item = given().get(page).then().extract().path("features[0].id");
        String asset = "/collections/" + collection + "/items/" + item + "/assets/image";
        HttpResponse<byte[]> stored = get(asset, "gzip, deflate, br");
        assertThat(stored.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(stored.headers().firstValue("Content-Length")).hasValue(String.valueOf(stored.body().length));
        HttpResponse<byte[]> bundle = get("/collections/" + collection + "/bundle.tar", "gzip");
        assertThat(bundle.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(bundle.headers().firstValue("Content-Length")).hasValue(String.valueOf(bundle.body().length));
    }
}
