package io.patchserve.bundle;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tar entry headers as an independent reader (commons-compress) reads them back: names, sizes, and the fixed mtime. */
@Tag("unit")
class TarHeadersTest {

    private static final String LONG_FOLDER = "bigearthnet-s2-v1/" + "S2B_MSIL2A_20180204T94161_".repeat(4);

    @Test
    void entriesOfEveryPathShapeReadBackAsWritten() throws IOException {
        List<String> paths = List.of(
                "manifest.json",
                "smcefr/S3A_OL_1_EFR____20200101T101010_20200101T101310_20200102T150000_0179_053_222_2160_LN1_O_NT_002/image.png",
                LONG_FOLDER + "/patch/data.h5",                          // > 100 bytes: split into ustar prefix and name
                "worldstrat/Amnesty POI-20-2-2/L2A/Amnesty POI-20-2-2-1-L2A_data.tiff", // spaces
                "x".repeat(120) + "/" + "y".repeat(120),                 // no split fits: PAX path
                "collection/Zürich-Straße/ĉapelo.png");                  // not ASCII: PAX path
        for (String path : paths) {
            byte[] data = ("content of " + path).getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = readOne(archive(path, data), data);
            assertThat(entry.getName()).isEqualTo(path);
            assertThat(entry.getSize()).isEqualTo(data.length);
            assertThat(entry.getModTime().toInstant()).isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
            assertThat(entry.getMode() & 0777).isEqualTo(0644);
        }
    }

    @Test
    void sizesBeyondUstarsElevenOctalDigitsTravelInAPaxRecord() throws IOException {
        long nineGiB = 9L << 30;
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(TarHeaders.file("big/stack.h5", nineGiB)))) {
            TarArchiveEntry entry = in.getNextEntry();
            assertThat(entry.getName()).isEqualTo("big/stack.h5");
            assertThat(entry.getSize()).isEqualTo(nineGiB);
        }
    }

    @Test
    void theSameEntryIsTheSameBytesAndFillsWholeBlocks() {
        byte[] once = TarHeaders.file(LONG_FOLDER + "/a.h5", 12345);
        assertThat(TarHeaders.file(LONG_FOLDER + "/a.h5", 12345)).isEqualTo(once);
        assertThat(once.length % TarHeaders.BLOCK).isZero();
        assertThat(TarHeaders.file("x".repeat(300), 1).length % TarHeaders.BLOCK).isZero();
        assertThat(TarHeaders.padding(0)).isZero();
        assertThat(TarHeaders.padding(1)).isEqualTo(511);
        assertThat(TarHeaders.padding(512)).isZero();
    }

    private static byte[] archive(String path, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(TarHeaders.file(path, data.length));
        out.writeBytes(data);
        out.writeBytes(new byte[TarHeaders.padding(data.length)]);
        out.writeBytes(new byte[2 * TarHeaders.BLOCK]);
        return out.toByteArray();
    }

    private static TarArchiveEntry readOne(byte[] archive, byte[] expectedData) throws IOException {
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
            TarArchiveEntry entry = in.getNextEntry();
            assertThat(in.readAllBytes()).isEqualTo(expectedData);
            assertThat(in.getNextEntry()).isNull();
            return entry;
        }
    }
}
