package io.patchserve.raster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One spectral band or layer as a collection declares it.
 *
 * @param name             the band's key in requests ({@code bands=B04,B03,B02}) and in HDF5 attributes
 * @param commonName       STAC eo common name (red, nir, swir16 ...), when there is one
 * @param centerWavelength micrometres, when known
 * @param gsd              ground sample distance in metres of the band's grid, when georeferenced
 * @param group            the band group (one grid, one dtype) the band is stored in
 * @param nodata           the value that marks missing pixels, when there is one
 * @param scale            physical value = stored * scale + offset
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Band(String name, @JsonProperty("common_name") String commonName,
                   @JsonProperty("center_wavelength") Double centerWavelength, Double gsd, String group,
                   @JsonProperty("data_type") DataType dataType, Double nodata, Double scale, Double offset) {

    public boolean isNodata(double value) {
        return nodata != null && (value == nodata || (Double.isNaN(nodata) && Double.isNaN(value)));
    }

    public double scaleOrOne() {
        return scale == null ? 1.0 : scale;
    }

    public double offsetOrZero() {
        return offset == null ? 0.0 : offset;
    }
}
