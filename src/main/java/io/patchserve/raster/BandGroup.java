package io.patchserve.raster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Bands that share one grid and one sample type, stored together as a (C, H, W) array: BigEarthNet's 10, 20
 * and 60 m groups, or an MMEarth modality. Width and height are null where they vary from item to item (SMCEFR).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BandGroup(String name, @JsonProperty("data_type") DataType dataType, Integer width, Integer height, Double gsd,
                        List<String> bands) {
}
