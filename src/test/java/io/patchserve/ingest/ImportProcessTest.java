package io.patchserve.ingest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An import process picks its own collector: the options it inherits from the service (its command line and the
 * environment's JAVA_TOOL_OPTIONS) lose those that name one, and nothing else. ImportIsolationIT runs such a
 * child from a service whose collector is named in both places.
 */
@Tag("unit")
class ImportProcessTest {

    @Test
    void tellsTheOptionsThatPickACollector() {
        assertThat(ImportProcess.selectsCollector("-XX:+UseG1GC")).isTrue();
        assertThat(ImportProcess.selectsCollector("-XX:-UseParallelGC")).isTrue();
        assertThat(ImportProcess.selectsCollector("-XX:+UseZGC")).isTrue();
        assertThat(ImportProcess.selectsCollector("-XX:+UseCompressedOops")).isFalse();
        assertThat(ImportProcess.selectsCollector("-XX:+UseGCOverheadLimit")).isFalse();
        assertThat(ImportProcess.selectsCollector("-Dname=-XX:+UseG1GC")).isFalse();
        assertThat(ImportProcess.COLLECTOR).matches(ImportProcess::selectsCollector);
    }

    @Test
    void environmentOptionsLoseTheCollectorAndKeepTheRest() {
        assertThat(ImportProcess.withoutCollector("-XX:MaxRAMPercentage=75 -XX:+UseG1GC  -Djava.io.tmpdir=/tmp"))
                .isEqualTo("-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/tmp");
        assertThat(ImportProcess.withoutCollector("-XX:+UseG1GC")).isEmpty();
        String untouched = "-Dgreeting=\"a  b\" -XX:+ExitOnOutOfMemoryError";
        assertThat(ImportProcess.withoutCollector(untouched)).isSameAs(untouched);
    }
}
