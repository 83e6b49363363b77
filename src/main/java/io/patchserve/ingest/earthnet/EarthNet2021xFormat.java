package io.patchserve.ingest.earthnet;

import io.patchserve.catalog.NewCollection;
import io.patchserve.ingest.DatasetFormat;
import io.patchserve.ingest.IngestEntry;
import io.patchserve.ingest.IngestLimits;
import io.patchserve.ingest.WorkFiles;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.BandGroup;
import io.patchserve.raster.DataType;
import io.patchserve.raster.GridGeometry;
import io.patchserve.raster.GroupRaster;
import io.patchserve.raster.NotReadable;
import io.patchserve.raster.Projection;
import io.patchserve.raster.RasterModel;
import io.patchserve.raster.netcdf.NetcdfFile;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * EarthNet2021x minicubes (earthnet-minicuber's {@code save_minicube_netcdf}): one NetCDF-4 file per cube under
 * {@code <split>/<tile>/<cube>.nc}, read through jHDF with xarray's decoding (packing, fill values, CF time). The
 * release's first readable cube decides the band groups ({@link MinicubeLayout}); one item per cube, dated over
 * its time axis, placed by its lat/lon grid, with the en21x loader's context/target frames as selections.
 */
@ApplicationScoped
public class EarthNet2021xFormat implements DatasetFormat {

    public static final String NAME = "earthnet2021x";

    private final IngestLimits limits;

    public EarthNet2021xFormat(IngestLimits limits) {
        this.limits = limits;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public NewCollection defaultCollection(String collectionId, Path source) throws IOException {
        RasterModel model = layout(cubes(source)).model();
        return EarthNetItems.collection(collectionId, model, "EarthNet2021x: Sentinel-2 minicubes with weather and static layers",
                "Minicubes of 128 x 128 Sentinel-2 pixels (20 m) over time with cloud masks, E-OBS weather series, "
                        + "elevation and land cover, for vegetation forecasting (earthnet-minicuber). Each cube's daily "
                        + "time axis is kept; the context and target frames of the EarthNet2021x loader are named "
                        + "selections of its steps. Contains modified Copernicus Sentinel data.",
                "CC-BY-NC-SA-4.0", "earthnet2021x",
                "V. Benson, C. Requena-Mesa, C. Robin, L. Alonso, J. Cortés, Z. Gao, N. Linscheid, M. Weynants, "
                        + "M. Reichstein, \"Forecasting localized weather impacts on vegetation as seen from space with "
                        + "meteo-guided video prediction\", CVPR 2024.");
    }

    @Override
    public void walk(Path source, Path workDir, UnitSink sink) throws Exception {
        List<Path> cubes = cubes(source);
        MinicubeLayout layout = layout(cubes);
        for (Path cube : cubes) {
            String name = source.relativize(cube).toString().replace('\\', '/');
            sink.accept(new CubeUnit(name, workDir, work -> {
                CubeName cubeName = CubeName.parse(stem(cube));
                return item(name, cubeName == null ? stem(cube) : cubeName.cube(), cubeName, cube, layout, work,
                        limits.itemBytes());
            }));
        }
    }

    private static IngestEntry item(String source, String id, CubeName name, Path path, MinicubeLayout layout,
                                    WorkFiles work, long maxBytes) throws IOException, NotReadable {
        try (NetcdfFile cube = NetcdfFile.open(path)) {
            List<Instant> times = cube.variables().values().stream().anyMatch(v -> v.dims().contains(MinicubeLayout.TIME))
                    ? cube.times(MinicubeLayout.TIME) : List.of();
            GridGeometry grid = cube.lonLatGrid(MinicubeLayout.LAT, MinicubeLayout.LON);
            boolean flip = cube.southUp(MinicubeLayout.LAT);
            GridGeometry whole = new GridGeometry(1, 1, new double[]{grid.transform()[0], grid.transform()[1] * grid.width(), 0,
                    grid.transform()[3], 0, grid.transform()[5] * grid.height()});
            Map<String, List<BandArray>> bandArrays = new LinkedHashMap<>(); // band -> arrays (per step or per index)
            for (Map.Entry<String, MinicubeLayout.Placement> e : layout.placements().entrySet()) {
                NetcdfFile.Variable v = cube.variables().get(e.getKey());
                if (v == null) {
                    throw new NotReadable("has no variable '" + e.getKey() + "', which the release's cubes have"
                            + (cube.unread().containsKey(e.getKey()) ? " (" + cube.unread().get(e.getKey()) + ")" : ""));
                }
                long values = java.util.Arrays.stream(v.shape()).asLongStream().reduce(1, Math::multiplyExact);
                if (values * v.decodedType().bytes() > maxBytes) {
                    throw new NotReadable("variable '" + v.name() + "' of shape " + java.util.Arrays.toString(v.shape())
                            + " would take " + values * v.decodedType().bytes() + " bytes decoded, more than the " + maxBytes
                            + " allowed (patchserve.ingest.max-item-decoded-bytes)");
                }
                MinicubeLayout.Placement p = e.getValue();
                DataType type = layout.model().group(p.group()).dataType();
                if (DataType.common(List.of(type, v.decodedType())) != type) {
                    throw new NotReadable("variable '" + v.name() + "' decodes to " + v.decodedType().id()
                            + ", which the release's " + type.id() + " group '" + p.group() + "' does not hold exactly");
                }
                List<BandArray> arrays = cube.read(v, flip).stream().map(a -> a.as(type)).toList();
                if (p.kind() == MinicubeLayout.Kind.STATIC_STACK) {
                    if (arrays.size() != p.bands().size()) {
                        throw new NotReadable("variable '" + v.name() + "' has " + arrays.size() + " layers, the release's cubes "
                                + p.bands().size());
                    }
                    for (int i = 0; i < arrays.size(); i++) {
                        bandArrays.put(p.bands().get(i), List.of(arrays.get(i)));
                    }
                } else {
                    bandArrays.put(v.name(), arrays);
                }
            }
            List<GroupRaster> groups = new ArrayList<>();
            for (BandGroup g : layout.model().groups()) {
                MinicubeLayout.Kind kind = layout.placements().values().stream().filter(p -> p.group().equals(g.name()))
                        .findFirst().orElseThrow().kind();
                List<BandArray> arrays = new ArrayList<>();
                int steps = g.timed() ? times.size() : 1;
                for (int t = 0; t < steps; t++) {
                    for (String band : g.bands()) {
                        arrays.add(bandArrays.get(band).get(t));
                    }
                }
                groups.add(new GroupRaster(g, kind == MinicubeLayout.Kind.SERIES ? whole : grid,
                        g.bands().stream().map(b -> layout.model().band(b)).toList(), arrays, g.timed() ? times : List.of()));
            }
            Map<String, Object> props = new LinkedHashMap<>();
            List<String> frameGroups = groups.stream().filter(g -> g.group().timed() && g.grid() == grid).map(g -> g.group().name()).toList();
            List<String> dailyGroups = groups.stream().filter(g -> g.group().timed() && g.grid() != grid).map(g -> g.group().name()).toList();
            props.put(io.patchserve.catalog.ItemFields.SELECTIONS, Selections.en21x(times.size(), frameGroups, dailyGroups));
            if (!cube.unread().isEmpty()) {
                props.put("earthnet:unread_variables", cube.unread());
            }
            String split = splitOf(source);
            Projection lonLat = Projection.lonLat();
            return EarthNetItems.draft(source, id, name, split, lonLat, lonLat.footprint(grid, 4), groups, times, props,
                    layout.model(), work);
        }
    }

    /** The release's top folder a cube sits in (train, val_chopped, iid_chopped, ood-t_chopped, ...). */
    private static String splitOf(String relative) {
        int slash = relative.indexOf('/');
        return slash < 0 ? null : relative.substring(0, slash);
    }

    private static MinicubeLayout layout(List<Path> cubes) throws IOException {
        List<String> reasons = new ArrayList<>();
        for (Path cube : cubes) {
            try (NetcdfFile f = NetcdfFile.open(cube)) {
                return MinicubeLayout.of(f);
            } catch (NotReadable e) {
                reasons.add(cube.getFileName() + ": " + e.getMessage());
            }
        }
        throw new IOException(NAME + " found no readable minicube (.nc)" + (reasons.isEmpty() ? "" : ": " + reasons));
    }

    private static List<Path> cubes(Path source) throws IOException {
        if (Files.isRegularFile(source)) {
            return List.of(source);
        }
        try (Stream<Path> files = Files.walk(source)) {
            return files.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".nc")).sorted().toList();
        }
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
