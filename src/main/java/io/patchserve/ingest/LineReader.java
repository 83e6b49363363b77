package io.patchserve.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lines of a UTF-8 stream ({@code \n} or {@code \r\n}), none held longer than a limit: a longer line is read
 * through and reported as too long, never accumulated (a gzip of 3 GiB without a newline is 3 MB on disk).
 */
final class LineReader implements Closeable {

    /** One line: its text, or, when it was longer than the limit, null and how long it was. */
    record Line(String text, long bytes) {
        boolean tooLong() {
            return text == null;
        }
    }

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[1024];

    LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line, or null at the end of the stream. */
    Line next() throws IOException {
        int length = 0;
        long total = 0;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return total == 0 ? null : finish(length, total);
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int chunk = position - start;
            total += chunk;
            if (total <= maxBytes) {
                if (length + chunk > line.length) {
                    line = Arrays.copyOf(line, Math.max(length + chunk, Math.min(maxBytes, line.length * 2)));
                }
                System.arraycopy(buffer, start, line, length, chunk);
                length += chunk;
            }
            if (position < limit) {
                position++; // the newline
                return finish(length, total);
            }
        }
    }

    private Line finish(int length, long total) {
        if (total > maxBytes) {
            return new Line(null, total);
        }
        int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        return new Line(new String(line, 0, end, StandardCharsets.UTF_8), total);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
