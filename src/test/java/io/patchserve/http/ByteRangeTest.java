package io.patchserve.http;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class ByteRangeTest {

    @Test
    void parsesTheSingleRangeForms() {
        assertThat(ByteRange.parse("bytes=0-499", 1000)).isEqualTo(new ByteRange.Partial(new ByteRange(0, 499)));
        assertThat(ByteRange.parse("bytes=500-", 1000)).isEqualTo(new ByteRange.Partial(new ByteRange(500, 999)));
        assertThat(ByteRange.parse("bytes=-200", 1000)).isEqualTo(new ByteRange.Partial(new ByteRange(800, 999)));
        assertThat(ByteRange.parse("bytes=-2000", 1000)).isEqualTo(new ByteRange.Partial(new ByteRange(0, 999)));
        assertThat(ByteRange.parse("bytes=900-5000", 1000)).isEqualTo(new ByteRange.Partial(new ByteRange(900, 999)));
    }

    @Test
    void unsatisfiableRanges() {
        assertThat(ByteRange.parse("bytes=1000-", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(ByteRange.parse("bytes=-0", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(ByteRange.parse("bytes=0-", 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @Test
    void ignoresWhatItCannotHonour() {
        assertThat(ByteRange.parse(null, 1000)).isInstanceOf(ByteRange.Whole.class);
        assertThat(ByteRange.parse("bytes=0-1,3-4", 1000)).isInstanceOf(ByteRange.Whole.class);
        assertThat(ByteRange.parse("bytes=5-2", 1000)).isInstanceOf(ByteRange.Whole.class);
        assertThat(ByteRange.parse("items=0-1", 1000)).isInstanceOf(ByteRange.Whole.class);
        assertThat(ByteRange.parse("bytes=-", 1000)).isInstanceOf(ByteRange.Whole.class);
        assertThat(ByteRange.parse("bytes=99999999999999999999-", 1000)).isInstanceOf(ByteRange.Whole.class);
    }
}
