package io.patchserve.ops;

import io.patchserve.ingest.IngestService;
import io.patchserve.testing.SmcefrFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.jboss.logmanager.LogContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client's mistake or departure is not the service's error: requests without a Host header and downloads
 * the client abandons write no ERROR line (each used to write one, with a stack: a way to flood the logs).
 */
@QuarkusTest
class QuietLogsTest {

    @Inject
    IngestService ingest;

    @TempDir
    Path temp;

    private final List<LogRecord> errors = new CopyOnWriteArrayList<>();
    private final Handler collector = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void collect() {
        LogContext.getLogContext().getLogger("").addHandler(collector);
    }

    @AfterEach
    void stop() {
        LogContext.getLogContext().getLogger("").removeHandler(collector);
    }

    @Test
    void requestsWithoutAHostHeaderAre400sWithoutAnErrorLine() throws Exception {
        for (int i = 0; i < 20; i++) {
            String answer = exchange("GET /collections HTTP/1.1\r\nConnection: close\r\n\r\n", Integer.MAX_VALUE);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("\"code\":\"BadRequest\"").contains("Host header");
        }
        assertThat(errors).extracting(LogRecord::getMessage).isEmpty();
    }

    @Test
    void anAbandonedDownloadWritesNoErrorLine() throws Exception {
        String collection = "quiet-" + UUID.randomUUID().toString().substring(0, 8);
        SmcefrFixtures.ingested(ingest, collection, temp.resolve("release"), 4, 1024); // ~12 MB of noise PNGs
        for (int i = 0; i < 3; i++) {
            String head = exchange("GET /collections/" + collection + "/bundle.tar HTTP/1.1\r\nHost: localhost\r\n\r\n", 65_536);
            assertThat(head).startsWith("HTTP/1.1 200");
        }
        // the service notices the closed sockets as it writes on: no ERROR line may come in the second after
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(errors::isEmpty);
    }

    /** Sends raw bytes and reads at most {@code limit} bytes of the answer, then closes the connection. */
    private static String exchange(String request, int limit) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(Math.min(limit, 1 << 20));
            return new String(answer, StandardCharsets.ISO_8859_1);
        }
    }
}
