package io.patchserve.ingest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/** Each item's files are its own in the shared work directory, digested as written, and gone once released. */
@Tag("unit")
class WorkFilesTest {

    @TempDir
    Path temp;

    @Test
    void twoItemsNeverShareAFileAndEachLeavesNothingBehind() throws Exception {
        Path workDir = temp.resolve("not-yet-made");
        WorkFiles first = WorkFiles.create(workDir, "ben-");
        WorkFiles second = WorkFiles.create(workDir, "ben-");
        assertThat(first.file("data.h5")).isEqualTo(first.file("data.h5")).isNotEqualTo(second.file("data.h5"));
        assertThat(first.file("data.h5").getParent()).isEqualTo(workDir);

        Files.writeString(first.file("data.h5"), "first");
        Files.writeString(first.file("preview.png"), "first's preview");
        Files.writeString(second.file("data.h5"), "second");
        first.delete();

        assertThat(Files.readString(second.file("data.h5"))).isEqualTo("second");
        try (var left = Files.list(workDir)) {
            assertThat(left).containsExactly(second.file("data.h5"));
        }
        second.delete();
        try (var left = Files.list(workDir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void anAssetCarriesItsFilesSizeSha256AndCrc() throws Exception {
        WorkFiles files = WorkFiles.create(temp, "file-");
        byte[] bytes = "a preview's bytes".repeat(5000).getBytes(StandardCharsets.UTF_8);
        Files.write(files.file("preview.png"), bytes);

        LocalAsset asset = files.asset("preview.png", "image/png", List.of("overview"), "Preview", "p.png", ".png");

        CRC32 crc = new CRC32();
        crc.update(bytes);
        assertThat(asset.file()).isEqualTo(files.file("preview.png"));
        assertThat(asset.size()).isEqualTo(bytes.length);
        assertThat(asset.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        assertThat(asset.crc32()).isEqualTo(crc.getValue());
    }
}
