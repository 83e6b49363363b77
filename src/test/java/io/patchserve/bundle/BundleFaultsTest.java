package io.patchserve.bundle;

import io.patchserve.ingest.IngestService;
import io.patchserve.testing.CuttableProxy;
import io.patchserve.testing.LocalStack;
import io.patchserve.testing.SmcefrFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * S3 failing mid-stream aborts the archive (never a short one that looks whole); clients hanging up leave no S3
 * connection behind; limits refuse with the count.
 */
@QuarkusTest
@TestProfile(BundleFaultsTest.ThroughProxy.class)
class BundleFaultsTest {

    static final int PROXY_PORT = 59081;
    static CuttableProxy proxy;

    public static class ThroughProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("patchserve.storage.endpoint", "http://127.0.0.1:" + PROXY_PORT,
                    "patchserve.storage.connect-timeout", "1S",
                    "patchserve.storage.read-timeout", "5S",
                    "patchserve.bundle.max-items", "10");
        }
    }

    @Inject
    IngestService ingest;

    @TempDir
    Path temp;

    @BeforeAll
    static void startProxy() throws IOException {
        proxy = new CuttableProxy(PROXY_PORT, LocalStack.S3_PORT).start();
    }

    @AfterAll
    static void stopProxy() {
        proxy.close();
    }

    @Test
    void s3FailingMidStreamAbortsTheArchiveAndLaterRequestsGet503UntilItIsBack() throws Exception {
        proxy.start();
        String collection = "faults-" + UUID.randomUUID().toString().substring(0, 8);
        // ~3 MB of noise per patch: far more than socket buffers hold, so the cut lands mid-archive
        SmcefrFixtures.ingested(ingest, collection, temp.resolve("release"), 10, 1000);

        long[] cut = readAcrossACut("/collections/" + collection + "/bundle.tar.gz");
        assertThat(cut[0]).as("received %d of %d bytes", cut[0], cut[1]).isLessThan(cut[1]);

        given().get("/collections/{c}/bundle.tar", collection).then().statusCode(503).header("Retry-After", "5");
        proxy.start();
        given().head("/collections/{c}/bundle.tar", collection).then().statusCode(200);
    }

    /**
     * bundle.h5 streams its pixels while it reads the items: when S3 fails mid-stack the response is cut short of
     * its Content-Length (never completed with made-up bytes), and the stack is whole again once S3 is back.
     */
    @Test
    void s3FailingMidStackCutsTheStackShortOfItsLength() throws Exception {
        proxy.start();
        String collection = "faults-h5-" + UUID.randomUUID().toString().substring(0, 8);
        SmcefrFixtures.ingested(ingest, collection, temp.resolve("release-h5"), 10, 1000);

        long[] cut = readAcrossACut("/collections/" + collection + "/bundle.h5");
        long length = cut[1];
        assertThat(length).isGreaterThan(10L * 1000 * 1000 * 3); // ten 1000 x 1000 RGB images, uncompressed
        assertThat(cut[0]).as("received %d of %d bytes", cut[0], length).isLessThan(length);

        proxy.start();
        byte[] whole = given().get("/collections/{c}/bundle.h5", collection).then().statusCode(200).extract().asByteArray();
        assertThat((long) whole.length).isEqualTo(length);
    }

    /**
     * Reads {@code path} (200), cutting S3 off once the first 64 KiB have arrived, to the end of the body or until
     * the connection breaks; returns the bytes received and the Content-Length.
     */
    private static long[] readAcrossACut(String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://localhost:" + RestAssured.port + path)
                .toURL().openConnection();
        long length = connection.getContentLengthLong();
        assertThat(connection.getResponseCode()).isEqualTo(200);
        long received = 0;
        try (InputStream in = connection.getInputStream()) {
            byte[] buffer = new byte[64 * 1024];
            received += in.readNBytes(buffer, 0, buffer.length);
            proxy.cut();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received += n;
            }
        } catch (IOException e) {
            // the cut shows as a broken stream, or as a body shorter than its length
        }
        return new long[]{received, length};
    }

    /**
     * Clients that hang up mid-bundle leave the service with S3 responses it has not read to their end (the one
     * being copied and those opened ahead). Each must be closed, so that OkHttp discards its rest or drops its
     * connection: none may stay in use (leaked) and none may go back to the pool with unread bytes, which the
     * next request on it would read as its status line. So: after the hang-ups no S3 connection is in use
     * (patchserve_s3_connections), and whole bundles and ranges read afterwards are byte for byte the reference.
     */
    @Test
    void clientsThatHangUpMidBundleLeaveNoS3ConnectionBehind() throws Exception {
        proxy.start();
        String collection = "hangups-" + UUID.randomUUID().toString().substring(0, 8);
        // ~3 MB of noise each: 30 MB, far more than the sockets' buffers hold, so the service is mid-object at a hang-up
        SmcefrFixtures.ingested(ingest, collection, temp.resolve("release"), 10, 1000);
        String path = "/collections/" + collection + "/bundle.tar";
        byte[] reference = given().get(path).then().statusCode(200).extract().asByteArray();

        for (int i = 0; i < 30; i++) {
            try (Socket socket = new Socket()) {
                socket.setReceiveBufferSize(16 * 1024);
                socket.connect(new InetSocketAddress("localhost", RestAssured.port));
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getInputStream().readNBytes(64 * 1024 + i * 97 * 1024); // cut at a different place each time
                socket.setSoLinger(true, 0); // a reset, as a killed client sends
            }
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(s3Connections("in-use")).as("S3 responses left open").isZero());

        for (int i = 0; i < 3; i++) {
            assertThat(given().get(path).then().statusCode(200).extract().asByteArray()).isEqualTo(reference);
        }
        byte[] part = given().header("Range", "bytes=10000000-12999999").get(path).then().statusCode(206).extract().asByteArray();
        assertThat(part).isEqualTo(Arrays.copyOfRange(reference, 10_000_000, 13_000_000));
    }

    private static double s3Connections(String state) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^patchserve_s3_connections\\{state=\"" + state + "\"} (\\S+)$").matcher(metrics);
        assertThat(m.find()).as("patchserve_s3_connections{state=%s} in /q/metrics", state).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aSelectionOverTheLimitIsRefusedWithItsCount() throws IOException {
        proxy.start();
        String collection = "limits-" + UUID.randomUUID().toString().substring(0, 8);
        SmcefrFixtures.ingested(ingest, collection, temp.resolve("release"), 12, 16);

        given().get("/collections/{c}/bundle.tar.gz", collection).then().statusCode(413)
                .body("description", equalTo("the bundle would hold more than 10 items (at least 12 match); narrow the "
                        + "selection (bbox, datetime, filter, ids) or download it in parts"));
        given().get("/collections/{c}/bundle.tar.gz?ids=" + SmcefrFixtures.productName(0), collection)
                .then().statusCode(200);
    }
}
