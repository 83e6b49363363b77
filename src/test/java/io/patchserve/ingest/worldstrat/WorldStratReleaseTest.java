package io.patchserve.ingest.worldstrat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** metadata.csv's dates in each spelling pandas writes them, read as UTC instants. */
@Tag("unit")
class WorldStratReleaseTest {

    @Test
    void readsPandasSpellingsOfATime() {
        assertThat(WorldStratRelease.instant("2019-03-06 10:01:00+00:00")).isEqualTo(Instant.parse("2019-03-06T10:01:00Z"));
        assertThat(WorldStratRelease.instant("2019-03-06 12:01:00.250+02:00")).isEqualTo(Instant.parse("2019-03-06T10:01:00.250Z"));
        assertThat(WorldStratRelease.instant("2019-03-06T10:01:00Z")).isEqualTo(Instant.parse("2019-03-06T10:01:00Z"));
        assertThat(WorldStratRelease.instant("2019-03-06 10:01:00")).isEqualTo(Instant.parse("2019-03-06T10:01:00Z"));
        assertThat(WorldStratRelease.instant("2019-03-06")).isEqualTo(Instant.parse("2019-03-06T00:00:00Z"));
        assertThatThrownBy(() -> WorldStratRelease.instant("06/03/2019")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> WorldStratRelease.instant(" ")).isInstanceOf(DateTimeParseException.class);
    }
}
