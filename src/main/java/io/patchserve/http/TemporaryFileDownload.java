package io.patchserve.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A file a request wrote for its answer (a stacked or cropped HDF5), sent from disk and deleted when the
 * response is done (or at once when no body is sent).
 *
 * @param etag a strong entity tag of the file's bytes, e.g. from their SHA-256
 */
public record TemporaryFileDownload(Path file, String contentType, String fileName, String etag,
                                    Map<String, Object> headers) implements Download {

    @Override
    public long length() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Body open(long offset, long count) {
        return out -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                InputStream in = Channels.newInputStream(channel.position(offset));
                byte[] buffer = new byte[1 << 16];
                for (long left = count; left > 0; ) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        throw new IOException(file.getFileName() + " ended early");
                    }
                    out.write(buffer, 0, n);
                    left -= n;
                }
            }
        };
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover in the temp folder is harmless
        }
    }
}
