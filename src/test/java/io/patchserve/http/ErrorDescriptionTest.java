package io.patchserve.http;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Error descriptions echo a request's values only as short excerpts, whatever was sent. */
@Tag("unit")
class ErrorDescriptionTest {

    @Test
    void longQuotedValuesAreCutToTheirStartAndLength() {
        String sent = "x".repeat(5_000_000);
        String shown = ErrorMapper.shorten("datetime: '" + sent + "' is not an RFC 3339 date-time");
        assertThat(shown).isEqualTo("datetime: '" + "x".repeat(60) + "…' (5000000 characters) is not an RFC 3339 date-time");
    }

    @Test
    void ordinaryDescriptionsAndIdsStandAsTheyAre() {
        String id = "S3B_OL_1_EFR____20211204T134003_20211204T134303_20211205T184123_0179_080_103_2003_LN1_O_NT_002";
        String description = "item '" + id + "' has no asset 'thumbnail'; its assets are [image]";
        assertThat(ErrorMapper.shorten(description)).isEqualTo(description);
        assertThat(ErrorMapper.shorten("no quotes at all")).isEqualTo("no quotes at all");
    }

    @Test
    void theWholeIsCappedEvenWithoutQuotes() {
        assertThat(ErrorMapper.shorten("y".repeat(10_000))).hasSize(ErrorMapper.MAX_DESCRIPTION).endsWith("…");
    }
}
