package io.patchserve.ingest.worldstrat;

import java.util.List;
import java.util.Map;

/** Sentinel-2 MSI bands as STAC's eo extension names them: common name and centre wavelength (µm). */
final class Sentinel2 {

    private record Spectral(String commonName, double wavelength) {
    }

    private static final Map<String, Spectral> BANDS = Map.ofEntries(
            Map.entry("B01", new Spectral("coastal", 0.443)), Map.entry("B02", new Spectral("blue", 0.490)),
            Map.entry("B03", new Spectral("green", 0.560)), Map.entry("B04", new Spectral("red", 0.665)),
            Map.entry("B05", new Spectral("rededge", 0.704)), Map.entry("B06", new Spectral("rededge", 0.740)),
            Map.entry("B07", new Spectral("rededge", 0.783)), Map.entry("B08", new Spectral("nir", 0.842)),
            Map.entry("B8A", new Spectral("nir08", 0.865)), Map.entry("B09", new Spectral("nir09", 0.945)),
            Map.entry("B10", new Spectral("cirrus", 1.375)), Map.entry("B11", new Spectral("swir16", 1.610)),
            Map.entry("B12", new Spectral("swir22", 2.190)));

    private Sentinel2() {
    }

    static List<String> commonNames(List<String> bands) {
        return bands.stream().map(b -> BANDS.get(b).commonName()).toList();
    }

    static double[] wavelengths(List<String> bands) {
        return bands.stream().mapToDouble(b -> BANDS.get(b).wavelength()).toArray();
    }
}
