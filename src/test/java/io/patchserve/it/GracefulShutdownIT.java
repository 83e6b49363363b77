package io.patchserve.it;

import io.patchserve.testing.LocalStack;
import io.patchserve.testing.PackagedApp;
import io.patchserve.testing.SmcefrFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged application, stopped with SIGTERM while a download streams: the download completes, byte
 * for byte, within the shutdown grace period, and the process then exits.
 */
class GracefulShutdownIT {

    @TempDir
    Path temp;

    private final PackagedApp packaged = new PackagedApp();

    @AfterEach
    void stop() {
        packaged.close();
    }

    @Test
    void aRunningDownloadFinishesAfterSigterm() throws Exception {
        LocalStack.run("start");
        // a large, incompressible patch, so that the download outlasts the moment of SIGTERM
        String collection = "shutdown-" + UUID.randomUUID().toString().substring(0, 8);
        Path release = Files.createDirectories(temp.resolve("release"));
        String item = SmcefrFixtures.productName(0);
        Path png = release.resolve(item + ".png");
        BufferedImage image = new BufferedImage(3000, 3000, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(1);
        for (int y = 0; y < 3000; y++) {
            for (int x = 0; x < 3000; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ImageIO.write(image, "png", png.toFile());
        Process ingest = packaged.start(packaged.ingestCommand(List.of("ingest", "--format", "smcefr", "--collection",
                collection, release.toString())).redirectOutput(temp.resolve("ingest.log").toFile()));
        assertThat(ingest.waitFor(120, TimeUnit.SECONDS)).isTrue();
        PackagedApp.Service service = packaged.serve(List.of(), Map.of("QUARKUS_SHUTDOWN_TIMEOUT", "30s"), temp.resolve("app.log"));
        String base = service.base();
        Process app = service.process();

        HttpURLConnection download = (HttpURLConnection) URI.create(base + "/collections/" + collection + "/items/" + item
                + "/assets/image").toURL().openConnection();
        long size = Files.size(png);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long received = 0;
        try (InputStream in = download.getInputStream()) {
            assertThat(download.getResponseCode()).isEqualTo(200);
            byte[] buffer = new byte[64 * 1024];
            int n = in.read(buffer);
            sha.update(buffer, 0, n);
            received += n;
            app.toHandle().destroy(); // SIGTERM, as Kubernetes sends it
            while ((n = in.read(buffer)) >= 0) {
                sha.update(buffer, 0, n);
                received += n;
                if (received < size / 2) {
                    Thread.onSpinWait(); // keep reading; the server must keep sending
                }
            }
        }
        assertThat(received).isEqualTo(size);
        assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(SmcefrFixtures.sha256(png));
        assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("the process exits after the grace period").isTrue();
    }
}
