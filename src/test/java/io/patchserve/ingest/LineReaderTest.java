package io.patchserve.ingest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Lines of a STAC items file, none held past its limit however long it is. */
@Tag("unit")
class LineReaderTest {

    @Test
    void linesEndingsAndTheLastLineReadAsWritten() throws IOException {
        assertThat(read("a\nbb\r\n\n{\"é\":1}\nlast", 100)).containsExactly("a", "bb", "", "{\"é\":1}", "last");
        assertThat(read("one\n", 100)).containsExactly("one");
        assertThat(read("", 100)).isEmpty();
    }

    @Test
    void aLineOverTheLimitIsReportedAndTheNextOneRead() throws IOException {
        assertThat(read("short\n" + "x".repeat(200_000) + "\nafter", 1000)).containsExactly("short", "<too long: 200000>", "after");
        assertThat(read("x".repeat(1001), 1000)).containsExactly("<too long: 1001>");
        assertThat(read("x".repeat(1000), 1000)).containsExactly("x".repeat(1000));
    }

    @Test
    void aGigabyteWithoutANewlineIsReadThroughWithoutBeingHeld() throws IOException {
        long size = 1L << 30;
        InputStream endless = new InputStream() {
            long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'y' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'y');
                left -= n;
                return n;
            }
        };
        try (LineReader lines = new LineReader(endless, 1 << 20)) {
            LineReader.Line line = lines.next();
            assertThat(line.tooLong()).isTrue();
            assertThat(line.bytes()).isEqualTo(size);
            assertThat(lines.next()).isNull();
        }
    }

    private static List<String> read(String text, int max) throws IOException {
        List<String> out = new ArrayList<>();
        try (LineReader lines = new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max)) {
            for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
                out.add(line.tooLong() ? "<too long: " + line.bytes() + ">" : line.text());
            }
        }
        return out;
    }
}
