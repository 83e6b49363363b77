package io.patchserve.ingest.bigearthnet;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

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
    void refusesOtherNamesWithAReason() {
        assertThatThrownBy(() -> PatchName.parse("S2C_MSIL2A_20170613T101031_0_45"))
                .hasMessageContaining("not a BigEarthNet-S2 patch name");
        assertThatThrownBy(() -> PatchName.parse("S2A_MSIL2A_20171313T101031_0_45")).hasMessageContaining("invalid date");
        assertThatThrownBy(() -> PatchName.parse("S2A_MSIL2A_20170613T251031_0_45")).hasMessageContaining("invalid date");
    }

    @Test
    void mapsTo19ClassesInTheirOrderWithoutRepeats() {
        assertThat(Nomenclature.to19(List.of("Sea and ocean", "Discontinuous urban fabric", "Continuous urban fabric",
                "Airports", "Estuaries"))).containsExactly("Urban fabric", "Marine waters");
        assertThat(Nomenclature.unknown(List.of("Pastures", "Lunar regolith"))).containsExactly("Lunar regolith");
    }
}
