package io.patchserve.ingest.mmearth;

import java.util.List;
import java.util.Map;

/**
 * MMEarth's modalities as its publishers describe them (MMEarth-train's MODALITIES.py, MODALITIES_FULL and
 * NO_DATA_VAL): band names in array order and the value that marks missing pixels. Band names become {@code {modality}_{band}}, except
 * Sentinel-2's, which keep their own names (B1 ... B12).
 */
final class Modalities {

    static final String SENTINEL2 = "sentinel2";

    static final Map<String, List<String>> BANDS = Map.ofEntries(
            Map.entry(SENTINEL2, List.of("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8A", "B8", "B9", "B10", "B11", "B12")),
            Map.entry("sentinel1", List.of("asc_VV", "asc_VH", "asc_HH", "asc_HV", "desc_VV", "desc_VH", "desc_HH", "desc_HV")),
            Map.entry("aster", List.of("elevation", "slope")),
            Map.entry("canopy_height_eth", List.of("height", "std")),
            Map.entry("dynamic_world", List.of("landcover")),
            Map.entry("esa_worldcover", List.of("map")),
            Map.entry("sentinel2_cloudmask", List.of("QA60")),
            Map.entry("sentinel2_cloudprod", List.of("MSK_CLDPRB")),
            Map.entry("sentinel2_scl", List.of("SCL")));

    static final Map<String, Double> NODATA = Map.of(
            SENTINEL2, 0.0,
            "sentinel2_cloudmask", 65535.0,
            "sentinel2_cloudprod", 65535.0,
            "sentinel2_scl", 255.0,
            "sentinel1", Double.NEGATIVE_INFINITY,
            "aster", Double.NEGATIVE_INFINITY,
            "canopy_height_eth", 255.0,
            "dynamic_world", 0.0,
            "esa_worldcover", 0.0);

    static final Map<String, String> S2_COMMON_NAMES = Map.ofEntries(
            Map.entry("B1", "coastal"), Map.entry("B2", "blue"), Map.entry("B3", "green"), Map.entry("B4", "red"),
            Map.entry("B5", "rededge"), Map.entry("B6", "rededge"), Map.entry("B7", "rededge"), Map.entry("B8", "nir"),
            Map.entry("B8A", "nir08"), Map.entry("B9", "nir09"), Map.entry("B10", "cirrus"), Map.entry("B11", "swir16"),
            Map.entry("B12", "swir22"));

    static final List<String> RGB = List.of("B4", "B3", "B2");


    /**
     * Per-row vectors kept as item properties: as they are (era5's twelve climate values, NaN where missing, as
     * null; lat, lon and month as [sin, cos]), or as the index of their one-hot class.
     */
    static final List<String> VECTOR_PROPERTIES = List.of("era5", "lat", "lon", "month");
    static final List<String> ONE_HOT_PROPERTIES = List.of("biome", "eco_region");

    /** MODALITIES.py's no-data values of the vectors: a missing element, or the fill of a one-hot vector with no class. */
    static final Map<String, Double> VECTOR_NODATA = Map.of("era5", Double.NaN, "lat", Double.NEGATIVE_INFINITY,
            "lon", Double.NEGATIVE_INFINITY, "month", Double.NEGATIVE_INFINITY, "biome", 255.0, "eco_region", 65535.0);

    /** band_stats.json keys of Sentinel-2's statistics, by the S2_type of the rows they hold for. */
    static final Map<String, String> S2_STATISTICS = Map.of("l1c", "sentinel2_l1c", "l2a", "sentinel2_l2a");

    private Modalities() {
    }

    /** The name of band {@code index} of a modality with {@code count} bands. */
    static String bandName(String modality, int index, int count) {
        List<String> names = BANDS.get(modality);
        String band = names != null && names.size() == count ? names.get(index) : String.valueOf(index);
        return modality.equals(SENTINEL2) && names != null && names.size() == count ? band : modality + "_" + band;
    }
}
