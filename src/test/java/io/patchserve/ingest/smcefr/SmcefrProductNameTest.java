package io.patchserve.ingest.smcefr;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class SmcefrProductNameTest {

    @Test
    void parsesEveryFieldOfTheName() throws Exception {
        SmcefrProductName p = SmcefrProductName.parse(
                "S3A_OL_1_EFR____20211230T134025_20211230T134325_20211231T184123_0179_080_181_2700_LN1_O_NT_002");
        assertThat(p.mission()).isEqualTo("S3A");
        assertThat(p.platform()).isEqualTo("sentinel-3a");
        assertThat(p.productType()).isEqualTo("OL_1_EFR___");
        assertThat(p.processingLevel()).isEqualTo("L1");
        assertThat(p.start()).isEqualTo(Instant.parse("2021-12-30T13:40:25Z"));
        assertThat(p.stop()).isEqualTo(Instant.parse("2021-12-30T13:43:25Z"));
        assertThat(p.created()).isEqualTo(Instant.parse("2021-12-31T18:41:23Z"));
        assertThat(p.midpoint()).isEqualTo(Instant.parse("2021-12-30T13:41:55Z"));
        assertThat(p.durationSeconds()).isEqualTo(179);
        assertThat(p.cycle()).isEqualTo(80);
        assertThat(p.relativeOrbit()).isEqualTo(181);
        assertThat(p.frame()).isEqualTo(2700);
        assertThat(p.centre()).isEqualTo("LN1");
        assertThat(p.platformClass()).isEqualTo("O");
        assertThat(p.timeliness()).isEqualTo("NT");
        assertThat(p.timelinessName()).isEqualTo("non-time-critical");
        assertThat(p.baseline()).isEqualTo("002");
    }

    @Test
    void sentinel3bAndNearRealTime() throws Exception {
        SmcefrProductName p = SmcefrProductName.parse(
                "S3B_OL_1_EFR____20200101T000000_20200101T000300_20200101T020000_0180_033_001_0540_MAR_O_NR_003");
        assertThat(p.platform()).isEqualTo("sentinel-3b");
        assertThat(p.timelinessName()).isEqualTo("near-real-time");
    }

    @Test
    void rejectsWhatIsNotAProductName() {
        assertThatThrownBy(() -> SmcefrProductName.parse("IMG_0001")).hasMessageContaining("is not a Sentinel-3 OLCI product name");
        assertThatThrownBy(() -> SmcefrProductName.parse(
                "S3C_OL_1_EFR____20211230T134025_20211230T134325_20211231T184123_0179_080_181_2700_LN1_O_NT_002"))
                .hasMessageContaining("is not a Sentinel-3");
        assertThatThrownBy(() -> SmcefrProductName.parse(
                "S3A_OL_1_EFR____20211330T134025_20211230T134325_20211231T184123_0179_080_181_2700_LN1_O_NT_002"))
                .hasMessageContaining("sensing start '20211330T134025' is not a valid date and time");
        assertThatThrownBy(() -> SmcefrProductName.parse(
                "S3A_OL_1_EFR____20211230T134025_20211230T124325_20211231T184123_0179_080_181_2700_LN1_O_NT_002"))
                .hasMessageContaining("is before sensing start");
    }
}
