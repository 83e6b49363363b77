package io.patchserve.ingest.bigearthnet;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** v2 patch ids and Sentinel-1 names, as the metadata of the published release writes them. */
@Tag("unit")
class ReBenPatchNameTest {

    @Test
    void splitsAPatchIdIntoItsProductFolderTileAndPosition() throws Exception {
        ReBenPatchName name = ReBenPatchName.parse("S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP_26_57");
        assertThat(name.product()).isEqualTo("S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP");
        assertThat(name.mgrsTile()).isEqualTo("33UUP");
        assertThat(name.relativeOrbit()).isEqualTo(22);
        assertThat(name.platform()).isEqualTo("sentinel-2a");
        assertThat(name.sensingStart()).isEqualTo(Instant.parse("2017-06-13T10:10:31Z"));
        assertThat(name.column()).isEqualTo(26);
        assertThat(name.row()).isEqualTo(57);
        assertThat(ReBenPatchName.parse("S2A_MSIL2A_20171101T094131_N9999_R036_T35VNJ_00_00").sensingStart())
                .isEqualTo(Instant.parse("2017-11-01T09:41:31Z"));
    }

    @Test
    void refusesV1NamesAndBadTimesWithAReason() {
        assertThatThrownBy(() -> ReBenPatchName.parse("S2A_MSIL2A_20170613T101031_26_57"))
                .hasMessageContaining("not a BigEarthNet v2 patch id");
        assertThatThrownBy(() -> ReBenPatchName.parse("S2A_MSIL2A_20170613T251031_N9999_R022_T33UUP_26_57"))
                .hasMessageContaining("invalid date or time");
    }

    @Test
    void findsTheSentinel1ProductFolderOfAnS1Name() {
        assertThat(ReBenPatchName.s1Product("S1B_IW_GRDH_1SDV_20170612T165809_33UUP_26_57"))
                .isEqualTo("S1B_IW_GRDH_1SDV_20170612T165809");
        assertThat(ReBenPatchName.s1Product("S1B_IW_GRDH_1SDV_20171101T154016_35VNJ_0_0"))
                .isEqualTo("S1B_IW_GRDH_1SDV_20171101T154016");
    }
}
