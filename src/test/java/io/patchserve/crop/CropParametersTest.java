package io.patchserve.crop;

import io.patchserve.error.ApiException;
import io.patchserve.error.ErrorCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The crop query's grammar (titiler's where it fits), checked for form before any item is looked at. */
@Tag("unit")
class CropParametersTest {

    private static CropQuery query(String bands, List<String> rescale, String window, String bbox, String bboxCrs,
                                   String width, String height) {
        return new CropQuery(bands, rescale, window, bbox, bboxCrs, width, height, null, null, null);
    }

    @Test
    void absentParametersMeanTheDefaults() {
        CropParameters p = CropParameters.parse(query(null, null, null, null, null, null, null));
        assertThat(p.bands()).isEmpty();
        assertThat(p.rescale()).isEmpty();
        assertThat(p.window()).isNull();
        assertThat(p.bbox()).isNull();
        assertThat(p.bboxCrs()).isEqualTo("EPSG:4326");
        assertThat(p.width()).isNull();
        assertThat(p.height()).isNull();
    }

    @Test
    void everyFormIsRead() {
        CropParameters p = CropParameters.parse(query("B04, B03,B02", List.of("0,3000", "10,2500;20,2000"), "10,20,64,32",
                null, null, "256", " 128 "));
        assertThat(p.bands()).containsExactly("B04", "B03", "B02");
        assertThat(p.rescale()).containsExactly(new double[]{0, 3000}, new double[]{10, 2500}, new double[]{20, 2000});
        assertThat(p.window()).containsExactly(10, 20, 64, 32);
        assertThat(p.width()).isEqualTo(256);
        assertThat(p.height()).isEqualTo(128);

        CropParameters box = CropParameters.parse(query(null, null, null, "399960,5299000,400560,5300040", "EPSG:32633", null, null));
        assertThat(box.bbox()).containsExactly(399960, 5299000, 400560, 5300040);
        assertThat(box.bboxCrs()).isEqualTo("EPSG:32633");
    }

    @Test
    void badFormsAre400sThatSayWhatIsWrong() {
        assertRefused(query(null, null, "0,0,10,10", "0,0,1,1", null, null, null), "either window or bbox");
        assertRefused(query(null, null, null, null, "EPSG:3857", null, null), "bbox-crs needs a bbox");
        assertRefused(query("B04,,B02", null, null, null, null, null, null), "empty name");
        assertRefused(query(null, List.of("3000,0"), null, null, null, null, null), "min < max");
        assertRefused(query(null, List.of("0,NaN"), null, null, null, null, null), "finite numbers");
        assertRefused(query(null, List.of("0"), null, null, null, null, null), "2 comma-separated numbers");
        assertRefused(query(null, null, "0,0,10.5,10", null, null, null, null), "integers");
        assertRefused(query(null, null, "0,0,0,10", null, null, null, null), "must be positive");
        assertRefused(query(null, null, "0,0,9999999999,10", null, null, null, null), "integers");
        assertRefused(query(null, null, null, "1,1,0,0", null, null, null), "minx < maxx");
        assertRefused(query(null, null, null, "a,b,c,d", null, null, null), "is not one");
        assertRefused(query(null, null, null, null, null, "0", null), "width must be a positive integer");
        assertRefused(query(null, null, null, null, null, null, "2147483648"), "height must be a positive integer");
        assertRefused(query(null, null, null, null, null, "wide", null), "width must be a positive integer");
    }

    private static void assertRefused(CropQuery query, String reason) {
        assertThatThrownBy(() -> CropParameters.parse(query)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE)).hasMessageContaining(reason);
    }
}
