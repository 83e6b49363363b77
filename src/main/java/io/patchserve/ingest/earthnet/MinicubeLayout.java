package io.patchserve.ingest.earthnet;

import io.patchserve.raster.Band;
import io.patchserve.raster.BandGroup;
import io.patchserve.raster.DataType;
import io.patchserve.raster.NotReadable;
import io.patchserve.raster.RasterModel;
import io.patchserve.raster.Sentinel2;
import io.patchserve.raster.netcdf.NetcdfFile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How the variables of an EarthNet2021x minicube (earthnet-minicuber's NetCDF) become band groups, decided from
 * one cube of the release and applied to all: variables on (time, lat, lon) are grouped by their prefix
 * ({@code s2_B02} -> {@code s2}), with the masks and classifications of that prefix ({@code s2_mask},
 * {@code s2_SCL}) in {@code <prefix>_quality}; series on (time) only (E-OBS, ERA5, {@code s2_avail}) by prefix
 * too ({@code eobs}, or {@code s2_series} beside a gridded {@code s2}), stored on a one-pixel grid covering the
 * cube; layers on (lat, lon) in {@code static}; layers on another axis and the grid ({@code ndviclim_* } on
 * {@code time_clim}) as one band per index of that axis ({@code ndviclim_mean_1} ... {@code _12}). A group's type
 * is the widest its variables decode to (xarray's decoding; float64 for the minicuber's float64-packed int16).
 */
record MinicubeLayout(RasterModel model, Map<String, Placement> placements) {

    static final String TIME = "time", LAT = "lat", LON = "lon";
    /** Variable suffixes that are masks or classes, not measurements: kept apart from the bands they qualify. */
    private static final Set<String> QUALITY = Set.of("mask", "SCL", "dlmask", "cloudmask", "CLM", "avail_mask");

    /** Where one variable goes: its group, the kind of axes it has, and (for an extra axis) its band names. */
    record Placement(String group, Kind kind, List<String> bands) {
    }

    enum Kind { GRIDDED_SERIES, SERIES, STATIC, STATIC_STACK }

    static MinicubeLayout of(NetcdfFile cube) throws NotReadable {
        Map<String, Placement> placements = new LinkedHashMap<>();
        Map<String, DataType> groupTypes = new LinkedHashMap<>();
        Map<String, List<String>> groupVariables = new TreeMap<>(groupOrder());
        Map<String, NetcdfFile.Variable> vars = new TreeMap<>(cube.variables());
        Set<String> griddedPrefixes = new java.util.HashSet<>();
        for (NetcdfFile.Variable v : vars.values()) {
            if (v.dims().equals(List.of(TIME, LAT, LON))) {
                griddedPrefixes.add(prefix(v.name()));
            }
        }
        for (NetcdfFile.Variable v : vars.values()) {
            Placement p = place(cube, v, griddedPrefixes);
            if (p == null) {
                continue;
            }
            placements.put(v.name(), p);
            groupTypes.merge(p.group(), v.decodedType(), (a, b) -> DataType.common(List.of(a, b)));
            groupVariables.computeIfAbsent(p.group(), g -> new ArrayList<>()).add(v.name());
        }
        if (placements.isEmpty()) {
            throw new NotReadable("no variable on (time, lat, lon), (time) or (lat, lon): not an EarthNet minicube");
        }
        List<Band> bands = new ArrayList<>();
        List<BandGroup> groups = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : groupVariables.entrySet()) {
            String group = e.getKey();
            List<String> variables = new ArrayList<>(e.getValue());
            variables.sort(Comparator.comparing(MinicubeLayout::suffix, Sentinel2.BAND_ORDER));
            List<String> names = variables.stream().flatMap(v -> placements.get(v).bands().stream()).toList();
            DataType type = groupTypes.get(group);
            Kind kind = placements.values().stream().filter(p -> p.group().equals(group)).findFirst().orElseThrow().kind();
            boolean timed = kind == Kind.GRIDDED_SERIES || kind == Kind.SERIES;
            for (String name : names) {
                String s2 = group.startsWith("s2") && !group.endsWith("_quality") ? suffix(name) : null;
                bands.add(new Band(name, s2 == null ? null : Sentinel2.commonName(s2), s2 == null ? null : Sentinel2.wavelength(s2),
                        null, group, type, type.floating() ? Double.NaN : null, null, null));
            }
            String mask = kind == Kind.GRIDDED_SERIES && !group.endsWith("_quality") && placements.containsKey(group + "_mask")
                    ? group + "_mask" : null; // s2_mask: 0 clear, else cloud, shadow, snow or other
            groups.add(new BandGroup(group, type, null, null, null, names, timed ? Boolean.TRUE : null, mask));
        }
        List<String> rgb = List.of("s2_B04", "s2_B03", "s2_B02");
        boolean hasRgb = bands.stream().map(Band::name).toList().containsAll(rgb);
        return new MinicubeLayout(new RasterModel(bands, groups, hasRgb ? rgb : List.of()), placements);
    }

    private static Placement place(NetcdfFile cube, NetcdfFile.Variable v, Set<String> griddedPrefixes) throws NotReadable {
        String prefix = prefix(v.name());
        List<String> dims = v.dims();
        if (dims.equals(List.of(TIME, LAT, LON))) {
            return new Placement(QUALITY.contains(suffix(v.name())) ? prefix + "_quality" : prefix, Kind.GRIDDED_SERIES,
                    List.of(v.name()));
        }
        if (dims.equals(List.of(TIME))) {
            return new Placement(griddedPrefixes.contains(prefix) ? prefix + "_series" : prefix, Kind.SERIES, List.of(v.name()));
        }
        if (dims.equals(List.of(LAT, LON))) {
            return new Placement("static", Kind.STATIC, List.of(v.name()));
        }
        if (dims.size() == 3 && dims.get(1).equals(LAT) && dims.get(2).equals(LON)) {
            List<String> names = new ArrayList<>();
            for (double c : cube.coordinate(dims.getFirst())) {
                names.add(v.name() + "_" + (c == Math.rint(c) ? Long.toString((long) c) : Double.toString(c)));
            }
            return new Placement(prefix, Kind.STATIC_STACK, names);
        }
        return null;
    }

    static String prefix(String variable) {
        int at = variable.indexOf('_');
        return at < 0 ? variable : variable.substring(0, at);
    }

    static String suffix(String variable) {
        int at = variable.indexOf('_');
        return at < 0 ? variable : variable.substring(at + 1);
    }

    /** Gridded series first, then their quality layers, series, static layers: the order a reader meets them. */
    private static Comparator<String> groupOrder() {
        return Comparator.comparingInt((String g) -> g.equals("static") ? 3 : g.endsWith("_quality") ? 1
                : g.startsWith("s2") || g.startsWith("s1") ? 0 : 2).thenComparing(Comparator.naturalOrder());
    }
}
