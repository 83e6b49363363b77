package io.patchserve.storage;

import javax.net.SocketFactory;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;

/**
 * Sockets for the S3 client (OkHttp) that make reading an object cost fewer system calls and thread wake-ups,
 * which on this kind of VM cost more than moving the bytes (bench/README.md, "Bundles at the floor"):
 * <ul>
 * <li>Blocking reads time out in the kernel (SO_TIMEOUT) after {@code stall}, so the client is built without a
 * read timeout of its own. OkHttp enforces its read timeout twice: on the socket, and with Okio's watchdog
 * thread, which every read enters and leaves, waking that thread each time (~45,000 wake-ups for a 600 MB
 * bundle). OkHttp sets SO_TIMEOUT to its read timeout (0 here) on every exchange: 0 means {@code stall} on
 * these sockets; the short probe timeout it sets to test a pooled connection stays as it is.</li>
 * <li>Reads are buffered: Okio reads at most 8 KiB (one segment) per call, each a {@code recvmsg} and an ACK
 * for the S3 server to handle; one read of up to {@value #READ_BUFFER} bytes serves many of them.</li>
 * </ul>
 */
final class S3Sockets extends SocketFactory {

    static final int READ_BUFFER = 128 * 1024;

    private final int stallMillis;

    S3Sockets(Duration stall) {
        this.stallMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, stall.toMillis()));
    }

    @Override
    public Socket createSocket() throws SocketException {
        Socket socket = new BufferedSocket(stallMillis);
        socket.setSoTimeout(0);
        return socket;
    }

    private static final class BufferedSocket extends Socket {
        private final int stallMillis;
        private InputStream input;

        BufferedSocket(int stallMillis) {
            this.stallMillis = stallMillis;
        }

        @Override
        public synchronized void setSoTimeout(int timeout) throws SocketException {
            super.setSoTimeout(timeout == 0 ? stallMillis : timeout);
        }

        /** One buffered stream per socket: what it has read ahead belongs to the next reader. */
        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new BufferedInputStream(super.getInputStream(), READ_BUFFER);
            }
            return input;
        }
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket socket = createSocket();
        if (local != null) {
            socket.bind(local);
        }
        socket.connect(remote);
        return socket;
    }
}
