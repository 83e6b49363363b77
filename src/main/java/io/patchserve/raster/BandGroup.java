package io.patchserve.raster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Bands that share one grid and one sample type, stored together as a (C, H, W) array: BigEarthNet's 10, 20
 * and 60 m groups, or an MMEarth modality; or, with {@code time}, as a (T, C, H, W) series whose steps each
 * item dates (WorldStrat's Sentinel-2 revisits). Width and height are null where they vary from item to item
 * (SMCEFR); so is the number of steps, always. {@code mask} names a band (of another group on the same grid and
 * steps) whose non-zero pixels mark this group's pixels invalid: a cloud mask; statistics leave those pixels out
 * and crops of the group bring the mask along.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BandGroup(String name, @JsonProperty("data_type") DataType dataType, Integer width, Integer height, Double gsd,
                        List<String> bands, Boolean time, String mask) {

    /** A group without a mask band. */
    public BandGroup(String name, DataType dataType, Integer width, Integer height, Double gsd, List<String> bands, Boolean time) {
        this(name, dataType, width, height, gsd, bands, time, null);
    }

    /** A group without a time axis. */
    public BandGroup(String name, DataType dataType, Integer width, Integer height, Double gsd, List<String> bands) {
        this(name, dataType, width, height, gsd, bands, null);
    }

    /** Whether the group's arrays have a time axis before the bands: (T, C, H, W). */
    @JsonIgnore
    public boolean timed() {
        return Boolean.TRUE.equals(time);
    }
}
