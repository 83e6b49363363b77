package io.patchserve.ingest;

import io.patchserve.testing.PythonTools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Extracting a release's zstd tar (BigEarthNet v2's parts): entries that would leave the target folder and link
 * entries are not written; a truncated archive keeps the whole files before the cut and says where it stopped.
 * The archives are made by Python's tarfile and the zstd command.
 */
@Tag("unit")
class ArchiveExtractTest {

    private static final ArchiveLimits LIMITS = new ArchiveLimits(10_000_000, 100_000_000, 100, 1_000_000);

    @TempDir
    Path temp;

    @Test
    void writesOnlyRegularFilesInsideTheTarget() throws Exception {
        PythonTools.run("make_extract_archives.py", temp.resolve("archives").toString());
        Path target = temp.resolve("sandbox/target");

        SourceFiles.Extracted extracted = SourceFiles.extract(temp.resolve("archives/escape.tar.zst"), target, LIMITS);

        assertThat(extracted.stoppedBecause()).isNull();
        assertThat(extracted.files()).isEqualTo(2);
        try (Stream<Path> all = Files.walk(temp.resolve("sandbox"))) {
            List<String> files = all.filter(Files::isRegularFile).map(p -> temp.resolve("sandbox").relativize(p).toString()).sorted().toList();
            assertThat(files).containsExactly("target/part/ok.txt", "target/part/second.txt");
        }
        assertThat(temp.resolve("sandbox/outside.txt")).doesNotExist();
        assertThat(target.resolve("part/link")).doesNotExist();
        assertThat(Files.readString(target.resolve("part/ok.txt"))).isEqualTo("inside\n");
    }

    @Test
    void aTruncatedArchiveKeepsTheWholeFilesBeforeTheCut() throws Exception {
        PythonTools.run("make_extract_archives.py", temp.resolve("archives").toString());
        Path target = temp.resolve("cut");

        SourceFiles.Extracted extracted = SourceFiles.extract(temp.resolve("archives/truncated.tar.zst"), target, LIMITS);

        assertThat(extracted.stoppedBecause()).startsWith("truncated.tar.zst could not be read past its first "
                + extracted.files() + " files");
        assertThat(extracted.files()).isBetween(1, 19);
        try (Stream<Path> all = Files.walk(target)) {
            List<Path> files = all.filter(Files::isRegularFile).toList();
            assertThat(files).hasSize(extracted.files()).allSatisfy(f -> assertThat(Files.size(f)).isEqualTo(20000));
        }
    }
}
