package io.patchserve.raster;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Sentinel-2 MSI bands as STAC's eo extension names them: common name and centre wavelength (µm), in band order. */
public final class Sentinel2 {

    private record Spectral(int order, String commonName, double wavelength) {
    }

    private static final Map<String, Spectral> BANDS = Map.ofEntries(
            Map.entry("B01", new Spectral(1, "coastal", 0.443)), Map.entry("B02", new Spectral(2, "blue", 0.490)),
            Map.entry("B03", new Spectral(3, "green", 0.560)), Map.entry("B04", new Spectral(4, "red", 0.665)),
            Map.entry("B05", new Spectral(5, "rededge", 0.704)), Map.entry("B06", new Spectral(6, "rededge", 0.740)),
            Map.entry("B07", new Spectral(7, "rededge", 0.783)), Map.entry("B08", new Spectral(8, "nir", 0.842)),
            Map.entry("B8A", new Spectral(9, "nir08", 0.865)), Map.entry("B09", new Spectral(10, "nir09", 0.945)),
            Map.entry("B10", new Spectral(11, "cirrus", 1.375)), Map.entry("B11", new Spectral(12, "swir16", 1.610)),
            Map.entry("B12", new Spectral(13, "swir22", 2.190)));

    private Sentinel2() {
    }

    public static List<String> commonNames(List<String> bands) {
        return bands.stream().map(b -> BANDS.get(b).commonName()).toList();
    }

    public static double[] wavelengths(List<String> bands) {
        return bands.stream().mapToDouble(b -> BANDS.get(b).wavelength()).toArray();
    }

    /** The common name of a band id such as B8A, or null when it is not a Sentinel-2 band. */
    public static String commonName(String band) {
        Spectral s = BANDS.get(band);
        return s == null ? null : s.commonName();
    }

    /** The centre wavelength of a band id, or null when it is not a Sentinel-2 band. */
    public static Double wavelength(String band) {
        Spectral s = BANDS.get(band);
        return s == null ? null : s.wavelength();
    }

    /** Sentinel-2 band ids in band order (B08 before B8A before B09), anything else after them by name. */
    public static final Comparator<String> BAND_ORDER = Comparator
            .comparingInt((String b) -> BANDS.containsKey(b) ? BANDS.get(b).order() : Integer.MAX_VALUE)
            .thenComparing(Comparator.naturalOrder());
}
