package io.patchserve.bundle;

import io.patchserve.error.ApiException;
import io.patchserve.raster.Band;
import io.patchserve.raster.BandGroup;
import io.patchserve.raster.BandStack;
import io.patchserve.raster.DataType;
import io.patchserve.raster.RasterModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The datasets of a stacked export, decided from the model and the options alone (no item read where sizes are declared). */
@Tag("unit")
class StackLayoutTest {

    /** A BigEarthNet-like model: a 10 m uint16 group, a 20 m uint16 group, and a 60 m float32 group. */
    private static final RasterModel MODEL = new RasterModel(List.of(
            band("B02", "10m", DataType.UINT16), band("B03", "10m", DataType.UINT16),
            band("B05", "20m", DataType.UINT16), band("B09", "60m", DataType.FLOAT32)),
            List.of(new BandGroup("10m", DataType.UINT16, 120, 120, 10.0, List.of("B02", "B03")),
                    new BandGroup("20m", DataType.UINT16, 60, 60, 20.0, List.of("B05")),
                    new BandGroup("60m", DataType.FLOAT32, 20, 20, 60.0, List.of("B09"))),
            List.of());

    private static Band band(String name, String group, DataType type) {
        return new Band(name, null, null, null, group, type, null, null, null);
    }

    private static List<BandStack> layout(String bands, String grid, String resolution) {
        return StackLayout.of(MODEL, StackOptions.parse(bands, grid, resolution, null), g -> {
            throw new AssertionError("every size is declared; no item is read");
        }, g -> {
            throw new AssertionError("no group has a time axis");
        });
    }

    @Test
    void eachGroupOnItsOwnGridByDefault() {
        List<BandStack> datasets = layout(null, null, null);
        assertThat(datasets).extracting(BandStack::name).containsExactly("10m", "20m", "60m");
        assertThat(datasets.getFirst().itemBytes()).isEqualTo(2L * 120 * 120 * 2);
        assertThat(datasets.get(2).type()).isEqualTo(DataType.FLOAT32);
        assertThat(datasets.getFirst().resampled()).isFalse();
    }

    @Test
    void bandsOfOneGroupInTheOrderAsked() {
        List<BandStack> datasets = layout("B03,B02", null, null);
        assertThat(datasets).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("10m");
            assertThat(d.bands()).extracting(Band::name).containsExactly("B03", "B02");
        });
    }

    @Test
    void aCommonGridTakesEveryChosenBandInTheirCommonType() {
        BandStack finest = layout("B09,B02", "finest", null).getFirst();
        assertThat(finest.name()).isEqualTo(StackLayout.COMMON);
        assertThat(finest.bands()).extracting(Band::name).containsExactly("B09", "B02");
        assertThat(finest.resampled()).isTrue();
        assertThat(new int[]{finest.width(), finest.height()}).containsExactly(120, 120);
        assertThat(finest.type()).isEqualTo(DataType.FLOAT32);
        assertThat(layout(null, null, "20").getFirst().width()).isEqualTo(60);
        assertThat(layout(null, "60m", null).getFirst().height()).isEqualTo(20);
        assertThat(layout("B05", null, "10").getFirst().type()).isEqualTo(DataType.UINT16);
    }

    @Test
    void whatIsNotThereIsA400ThatSaysWhatIs() {
        assertThatThrownBy(() -> layout("B02,B05", null, null)).isInstanceOf(ApiException.class)
                .hasMessageContaining("lie on different grids (10m, 20m)").hasMessageContaining("grid=finest");
        assertThatThrownBy(() -> layout("B8A", null, null)).isInstanceOf(ApiException.class)
                .hasMessageContaining("its bands are B02,B03,B05,B09");
        assertThatThrownBy(() -> layout(null, "30m", null)).isInstanceOf(ApiException.class)
                .hasMessageContaining("10m (resolution=10), 20m (resolution=20), 60m (resolution=60)");
        assertThatThrownBy(() -> layout(null, null, "15")).isInstanceOf(ApiException.class)
                .hasMessageContaining("is not a grid of this collection");
        assertThatThrownBy(() -> StackOptions.parse(null, "finest", "10", null)).isInstanceOf(ApiException.class)
                .hasMessageContaining("either grid or resolution");
        assertThatThrownBy(() -> StackOptions.parse(null, null, "-3", null)).isInstanceOf(ApiException.class)
                .hasMessageContaining("positive number");
        assertThatThrownBy(() -> StackOptions.parse("B02,B02", null, null, null)).isInstanceOf(ApiException.class)
                .hasMessageContaining("twice");
    }
}
