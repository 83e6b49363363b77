package io.patchserve.ingest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the ingest command shows while it goes: done of total, the share met, rate and time left. */
@Tag("unit")
class ProgressLineTest {

    @Test
    void withATotalTheBarAndTheLogLineSayHowFarAndHowLong() {
        IngestReport report = new IngestReport("smcefr", "c");
        report.expect(10);
        for (int i = 0; i < 4; i++) {
            report.count(IngestReport.Outcome.CREATED);
        }
        report.skip(new Skipped("bad.png", "not a PNG"));

        assertThat(report.met()).isEqualTo(5);
        // half met: as long again as it has taken so far (measured when asked, so no later than seconds() after it)
        double left = report.secondsLeft();
        assertThat(left).isPositive().isLessThanOrEqualTo(report.seconds());
        assertThat(ProgressBar.line(report)).startsWith("[" + "#".repeat(15) + ".".repeat(15) + "]  50 %  5/10  1 skipped").contains("left");
        assertThat(report.progressLine()).contains("4 done (4 new, 0 updated, 0 unchanged), 1 skipped of 10 met (50 %, ");
    }

    @Test
    void withoutATotalItCountsAlone() {
        IngestReport report = new IngestReport("smcefr", "c");
        report.count(IngestReport.Outcome.UNCHANGED);
        assertThat(report.secondsLeft()).isEqualTo(-1);
        assertThat(ProgressBar.line(report)).startsWith("1 done  ").doesNotContain("[");
        assertThat(report.progressLine()).doesNotContain(" met ");
    }

    @Test
    void durationsReadAsClockTime() {
        assertThat(IngestReport.duration(75)).isEqualTo("1:15");
        assertThat(IngestReport.duration(3723)).isEqualTo("1:02:03");
        assertThat(IngestReport.duration(-1)).isEqualTo("?");
    }
}
