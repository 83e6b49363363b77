package io.patchserve.storage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The S3 client's sockets: a read timeout of 0 (what OkHttp sets when built without one) means the stall timeout, a
 * probe timeout stays as set, a stalled read fails instead of hanging, and reads through the socket's one buffered
 * stream give exactly the bytes sent, in Okio's 8 KiB steps.
 */
@Tag("unit")
class S3SocketsTest {

    @Test
    void noReadTimeoutMeansTheStallTimeoutAndAStalledReadFails() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = new S3Sockets(Duration.ofMillis(300)).createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket silent = server.accept()) {
            assertThat(socket.getSoTimeout()).isEqualTo(300);
            socket.setSoTimeout(0);
            assertThat(socket.getSoTimeout()).isEqualTo(300);
            socket.setSoTimeout(1); // OkHttp's health probe of a pooled connection
            assertThat(socket.getSoTimeout()).isEqualTo(1);
            socket.setSoTimeout(0);
            assertThat(socket.getInputStream()).isSameAs(socket.getInputStream());
            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            assertThat(silent.isClosed()).isFalse();
        }
    }

    @Test
    void readsInSmallStepsGiveExactlyTheBytesSentInManyWrites() throws Exception {
        byte[] sent = new byte[3 * S3Sockets.READ_BUFFER + 12_345];
        new SplittableRandom(7).nextBytes(sent);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = new S3Sockets(Duration.ofSeconds(10)).createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket peer = server.accept()) {
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    OutputStream out = peer.getOutputStream();
                    for (int at = 0, step = 1; at < sent.length; at += step, step = step * 3 % 20_011 + 1) {
                        out.write(sent, at, Math.min(step, sent.length - at));
                    }
                    out.flush();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            InputStream in = socket.getInputStream();
            byte[] received = new byte[sent.length];
            for (int at = 0; at < received.length; ) {
                int n = in.read(received, at, Math.min(8192, received.length - at));
                assertThat(n).isPositive();
                at += n;
            }
            writer.join();
            assertThat(received).isEqualTo(sent);
        }
    }
}
