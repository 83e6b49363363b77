package io.patchserve.raster.netcdf;

import io.patchserve.raster.NotReadable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CF time units as xarray and netCDF4 write them decode to the instants xarray gives; what xarray needs cftime for is refused. */
@Tag("unit")
class CfTimeTest {

    @Test
    void unitsXarrayWritesDecode() throws Exception {
        assertThat(CfTime.decode(new double[]{0, 1, 149}, "days since 2017-06-20 00:00:00", "proleptic_gregorian"))
                .containsExactly(Instant.parse("2017-06-20T00:00:00Z"), Instant.parse("2017-06-21T00:00:00Z"),
                        Instant.parse("2017-11-16T00:00:00Z"));
        assertThat(CfTime.decode(new double[]{36}, "hours since 2000-01-01", null)).containsExactly(Instant.parse("2000-01-02T12:00:00Z"));
        assertThat(CfTime.decode(new double[]{90}, "seconds since 1970-01-01T00:00:00Z", "standard"))
                .containsExactly(Instant.parse("1970-01-01T00:01:30Z"));
        assertThat(CfTime.decode(new double[]{1.5}, "minutes since 2020-02-29 23:59", "gregorian"))
                .containsExactly(Instant.parse("2020-03-01T00:00:30Z"));
        assertThat(CfTime.decode(new double[]{0}, "days since 2001-01-01 00:00:00 +02:00", "standard"))
                .containsExactly(Instant.parse("2000-12-31T22:00:00Z"));
        assertThat(CfTime.decode(new double[]{-1}, "days since 1600-01-01", "proleptic_gregorian"))
                .containsExactly(Instant.parse("1599-12-31T00:00:00Z"));
    }

    @Test
    void whatNeedsCftimeOrIsNotTimeIsRefused() {
        assertThatThrownBy(() -> CfTime.decode(new double[]{0}, "days since 2000-01-01", "noleap")).isInstanceOf(NotReadable.class)
                .hasMessageContaining("calendar 'noleap' is not decoded");
        assertThatThrownBy(() -> CfTime.decode(new double[]{0}, "months since 2000-01-01", null)).isInstanceOf(NotReadable.class)
                .hasMessageContaining("'months' is not days");
        assertThatThrownBy(() -> CfTime.decode(new double[]{0}, "days after 2000-01-01", null)).isInstanceOf(NotReadable.class)
                .hasMessageContaining("are not '<unit> since <date>'");
        assertThatThrownBy(() -> CfTime.decode(new double[]{0}, "days since 2000-13-01", null)).isInstanceOf(NotReadable.class)
                .hasMessageContaining("reference date does not parse");
        assertThatThrownBy(() -> CfTime.decode(new double[]{Double.NaN}, "days since 2000-01-01", null)).isInstanceOf(NotReadable.class)
                .hasMessageContaining("holds NaN");
        assertThatThrownBy(() -> CfTime.decode(new double[]{0}, "days since 1500-01-01", "standard")).isInstanceOf(NotReadable.class)
                .hasMessageContaining("before 1582-10-15");
        assertThatThrownBy(() -> CfTime.decode(new double[]{0}, null, null)).isInstanceOf(NotReadable.class)
                .hasMessage("the time coordinate has no units");
    }
}
