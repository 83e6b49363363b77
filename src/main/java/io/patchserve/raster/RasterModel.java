package io.patchserve.raster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.patchserve.error.ApiException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a collection's items hold: their bands, the groups those are stored in, and the three bands of its
 * default RGB rendering. Kept in the collection's metadata under {@link #KEY}; STAC clients see the bands as
 * {@code eo:bands} and {@code raster:bands} of the data asset.
 */
public record RasterModel(List<Band> bands, List<BandGroup> groups, List<String> rgb) {

    public static final String KEY = "patchserve:raster";

    public RasterModel {
        bands = List.copyOf(bands);
        groups = List.copyOf(groups);
        rgb = List.copyOf(rgb);
    }

    /** Three uint8 bands red, green, blue: what an RGB PNG holds (SMCEFR), whatever its size. */
    public static final RasterModel RGB_PNG = new RasterModel(List.of(
            new Band("red", "red", null, null, "rgb", DataType.UINT8, null, null, null),
            new Band("green", "green", null, null, "rgb", DataType.UINT8, null, null, null),
            new Band("blue", "blue", null, null, "rgb", DataType.UINT8, null, null, null)),
            List.of(new BandGroup("rgb", DataType.UINT8, null, null, null, List.of("red", "green", "blue"))),
            List.of("red", "green", "blue"));

    public Band band(String name) {
        for (Band b : bands) {
            if (b.name().equals(name)) {
                return b;
            }
        }
        throw ApiException.badRequest("unknown band '" + name + "'; this collection's bands are " + bandNames());
    }

    public BandGroup group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no band group " + name));
    }

    @JsonIgnore
    public List<String> bandNames() {
        return bands.stream().map(Band::name).toList();
    }

    /** The one sample type every band fits exactly ({@link DataType#common}): what a whole-item array holds. */
    @JsonIgnore
    public DataType commonType() {
        return DataType.common(bands.stream().map(Band::dataType).toList());
    }

    /** Bands as the STAC eo and raster extensions describe them, in band order. */
    /** The raster extension's nodata: a number, or "nan", "inf", "-inf" (JSON has no such numbers). */
    static Object stacNodata(double nodata) {
        if (Double.isNaN(nodata)) {
            return "nan";
        }
        if (Double.isInfinite(nodata)) {
            return nodata > 0 ? "inf" : "-inf";
        }
        return nodata;
    }

    public List<Map<String, Object>> stacBands() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Band b : bands) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", b.name());
            if (b.commonName() != null) {
                m.put("common_name", b.commonName());
            }
            if (b.centerWavelength() != null) {
                m.put("center_wavelength", b.centerWavelength());
            }
            m.put("data_type", b.dataType().id());
            if (b.nodata() != null) {
                m.put("nodata", stacNodata(b.nodata()));
            }
            if (b.gsd() != null) {
                m.put("spatial_resolution", b.gsd());
            }
            if (b.scale() != null) {
                m.put("scale", b.scale());
            }
            if (b.offset() != null) {
                m.put("offset", b.offset());
            }
            out.add(m);
        }
        return out;
    }
}
