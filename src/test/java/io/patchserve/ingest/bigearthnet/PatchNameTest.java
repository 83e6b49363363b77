package io.patchserve.ingest.bigearthnet;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class PatchNameTest {

    @Test
    void parsesNamesWithAndWithoutTheHoursLeadingZero() throws Exception {
        PatchName full = PatchName.parse("S2A_MSIL2A_20170613T101031_0_45");
        assertThat(full.platform()).isEqualTo("sentinel-2a");
        assertThat(full.sensingStart()).isEqualTo(Instant.parse("2017-06-13T10:10:31Z"));
        assertThat(full.column()).isZero();
        assertThat(full.row()).isEqualTo(45);
        assertThat(PatchName.parse("S2B_MSIL2A_20180421T93032_12_3").sensingStart())
                .isEqualTo(Instant.parse("2018-04-21T09:30:32Z"));
    }

    @Test
    void namesWithSecondsSixtyAndSixtyOneAreKeptAndClampTo59() throws Exception {
        PatchName sixty = PatchName.parse("S2B_MSIL2A_20180204T94160_20_72");
        assertThat(sixty.name()).isEqualTo("S2B_MSIL2A_20180204T94160_20_72");
        assertThat(sixty.sensingStart()).isEqualTo(Instant.parse("2018-02-04T09:41:59Z"));
        assertThat(PatchName.parse("S2B_MSIL2A_20180204T94161_20_73").sensingStart()).isEqualTo(Instant.parse("2018-02-04T09:41:59Z"));
        assertThat(PatchName.parse("S2A_MSIL2A_20171208T093360_45_20").sensingStart()).isEqualTo(Instant.parse("2017-12-08T09:33:59Z"));
        assertThatThrownBy(() -> PatchName.parse("S2B_MSIL2A_20180204T94162_20_72")).hasMessageContaining("invalid date or time");
        assertThatThrownBy(() -> PatchName.parse("S2B_MSIL2A_20180204T96059_20_72")).hasMessageContaining("invalid date or time");
    }

    @Test
    void refusesOtherNamesWithAReason() {
        assertThatThrownBy(() -> PatchName.parse("S2C_MSIL2A_20170613T101031_0_45"))
                .hasMessageContaining("not a BigEarthNet-S2 patch name");
        assertThatThrownBy(() -> PatchName.parse("S2A_MSIL2A_20171313T101031_0_45")).hasMessageContaining("invalid date");
        assertThatThrownBy(() -> PatchName.parse("S2A_MSIL2A_20170613T251031_0_45")).hasMessageContaining("invalid date");
    }
}
