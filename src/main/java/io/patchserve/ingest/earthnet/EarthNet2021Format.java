package io.patchserve.ingest.earthnet;

import io.patchserve.catalog.NewCollection;
import io.patchserve.ingest.DatasetFormat;
import io.patchserve.ingest.IngestEntry;
import io.patchserve.ingest.IngestLimits;
import io.patchserve.ingest.WorkFiles;
import io.patchserve.raster.Band;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.BandGroup;
import io.patchserve.raster.DataType;
import io.patchserve.raster.GridGeometry;
import io.patchserve.raster.GroupRaster;
import io.patchserve.raster.NotReadable;
import io.patchserve.raster.RasterModel;
import io.patchserve.raster.npy.NpyReader;
import io.patchserve.raster.npy.NpyReader.NpyArray;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * EarthNet2021 cubes: {@code numpy.savez_compressed} archives under {@code train/<tile>/<cube>.npz} and, for the
 * test tracks, {@code <track>_split/context/<tile>/context_<cube>.npz} with {@code target/<tile>/target_<cube>.npz}
 * (the two halves of one cube become one item). Arrays are (H, W, C, T): {@code highresdynamic} blue, green, red,
 * nir and a mask (1 = masked) every 5 days, {@code highresstatic} the DEM, {@code mesodynamic} daily E-OBS rr, pp,
 * tg, tn, tx on the coarse grid, {@code mesostatic}. The cubes carry no georeference (the name's pixel offsets need
 * a table of tile corners the release does not ship), so items have no geometry and their groups pixel grids;
 * frame t is dated start + 5 t days and weather day d start + d days, from the date the name starts with.
 */
@ApplicationScoped
public class EarthNet2021Format implements DatasetFormat {

    public static final String NAME = "earthnet2021";
    static final List<String> HIGHRES = List.of("blue", "green", "red", "nir");
    static final List<String> MESO = List.of("eobs_rr", "eobs_pp", "eobs_tg", "eobs_tn", "eobs_tx");
    /** Static layers: the high-resolution DEM, and the coarse grid's static layers (a DEM in the release). */
    static final String DEM = "dem", MESO_STATIC = "meso_static_";

    private final IngestLimits limits;

    public EarthNet2021Format(IngestLimits limits) {
        this.limits = limits;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public NewCollection defaultCollection(String collectionId, Path source) throws IOException {
        return EarthNetItems.collection(collectionId, model(cubes(source)), "EarthNet2021: Sentinel-2 cubes with weather for vegetation forecasting",
                "Cubes of 128 x 128 Sentinel-2 pixels (20 m; blue, green, red, nir and a cloud mask every 5 days) with "
                        + "the EU-DEM and daily E-OBS weather on a coarser grid around them, for forecasting the "
                        + "target frames from the context frames. Not georeferenced. Contains modified Copernicus "
                        + "Sentinel data.",
                "CC-BY-NC-SA-4.0", "earthnet2021",
                "C. Requena-Mesa, V. Benson, M. Reichstein, J. Runge, J. Denzler, \"EarthNet2021: A large-scale "
                        + "dataset and challenge for Earth surface forecasting as a guided video prediction task\", CVPR "
                        + "Workshops 2021.");
    }

    @Override
    public void walk(Path source, Path workDir, UnitSink sink) throws Exception {
        Map<String, List<Path>> cubes = cubes(source);
        RasterModel model = model(cubes);
        for (Map.Entry<String, List<Path>> cube : cubes.entrySet()) {
            List<Path> files = cube.getValue();
            String name = files.stream().map(f -> source.relativize(f).toString().replace('\\', '/')).reduce((a, b) -> a + " + " + b).orElseThrow();
            sink.accept(new CubeUnit(name, workDir, work -> item(name, cube.getKey(), files, source, model, work)));
        }
    }

    private IngestEntry item(String sourceName, String id, List<Path> files, Path source, RasterModel model,
                             WorkFiles work) throws IOException, NotReadable {
        CubeName name = CubeName.parse(id);
        if (name == null) {
            throw new NotReadable("the file name is not an EarthNet cube name (<tile>_<start>_<end>_<offsets>): its dates are unknown");
        }
        Path main = files.stream().filter(f -> !stem(f).startsWith("target_")).findFirst()
                .orElseThrow(() -> new NotReadable("a target cube without its context_ file"));
        Map<String, NpyArray> arrays = read(main);
        NpyArray highres = require(arrays, "highresdynamic", main);
        List<NpyArray> frames = new ArrayList<>(List.of(highres));
        for (Path f : files) {
            if (f != main) {
                frames.add(require(read(f), "highresdynamic", f));
            }
        }
        int h = highres.shape()[0], w = highres.shape()[1];
        List<BandArray> data = new ArrayList<>(), masks = new ArrayList<>();
        for (NpyArray part : frames) {
            if (part.shape().length != 4 || part.shape()[0] != h || part.shape()[1] != w || part.shape()[2] != HIGHRES.size() + 1) {
                throw new NotReadable("highresdynamic has shape " + java.util.Arrays.toString(part.shape()) + "; (H, W, 5, T) with "
                        + "blue, green, red, nir and the mask is read, of one H x W in a cube's files");
            }
            for (int t = 0; t < part.shape()[3]; t++) {
                for (int c = 0; c < HIGHRES.size(); c++) {
                    data.add(plane(part, c, t, model.group("highres").dataType()));
                }
                masks.add(plane(part, HIGHRES.size(), t, model.group("highres_mask").dataType()));
            }
        }
        Instant start = name.start().atStartOfDay().toInstant(ZoneOffset.UTC);
        int frameCount = masks.size();
        List<Instant> frameTimes = IntStream.range(0, frameCount).mapToObj(t -> start.plus(java.time.Duration.ofDays(5L * t))).toList();
        GridGeometry hrGrid = new GridGeometry(w, h, new double[]{0, 1, 0, 0, 0, 1});
        List<GroupRaster> groups = new ArrayList<>();
        groups.add(raster(model, "highres", hrGrid, data, frameTimes));
        groups.add(raster(model, "highres_mask", hrGrid, masks, frameTimes));
        groups.add(raster(model, "highres_static", hrGrid, stack(require(arrays, "highresstatic", main), model.group("highres_static")), List.of()));
        List<Instant> days = List.of();
        NpyArray meso = arrays.get("mesodynamic");
        if (model.groups().stream().anyMatch(g -> g.name().equals("meso")) && meso != null) {
            if (meso.shape().length != 4 || meso.shape()[2] != MESO.size()) {
                throw new NotReadable("mesodynamic has shape " + java.util.Arrays.toString(meso.shape()) + "; (h, w, 5, days) is read");
            }
            GridGeometry mesoGrid = new GridGeometry(meso.shape()[1], meso.shape()[0], new double[]{0, 1, 0, 0, 0, 1});
            List<BandArray> series = new ArrayList<>();
            for (int d = 0; d < meso.shape()[3]; d++) {
                for (int c = 0; c < MESO.size(); c++) {
                    series.add(plane(meso, c, d, model.group("meso").dataType()));
                }
            }
            days = IntStream.range(0, meso.shape()[3]).mapToObj(d -> start.plus(java.time.Duration.ofDays(d))).toList();
            groups.add(raster(model, "meso", mesoGrid, series, days));
            NpyArray mesoStatic = require(arrays, "mesostatic", main);
            groups.add(raster(model, "meso_static", mesoGrid, stack(mesoStatic, model.group("meso_static")), List.of()));
        } else if (model.groups().stream().anyMatch(g -> g.name().equals("meso"))) {
            throw new NotReadable("has no mesodynamic, which the release's cubes have");
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(io.patchserve.catalog.ItemFields.SELECTIONS, Selections.en21(frameCount, List.of("highres", "highres_mask"), days.size(),
                days.isEmpty() ? List.of() : List.of("meso")));
        props.put("earthnet:end_date", name.end().toString());
        List<Instant> all = new ArrayList<>(frameTimes);
        all.addAll(days);
        all.sort(null);
        return EarthNetItems.draft(sourceName, id, name, splitOf(source.relativize(main).toString().replace('\\', '/')), null, null,
                groups, all, props, model, work);
    }

    private static GroupRaster raster(RasterModel model, String group, GridGeometry grid, List<BandArray> arrays, List<Instant> times) {
        BandGroup g = model.group(group);
        return new GroupRaster(g, grid, g.bands().stream().map(model::band).toList(), arrays, times);
    }

    /** The (H, W, C) static layers of a cube as the group's bands; as many channels as the release's first cube. */
    private static List<BandArray> stack(NpyArray a, BandGroup group) throws NotReadable {
        if (a.shape().length != 3 || a.shape()[2] != group.bands().size()) {
            throw new NotReadable("a static array has shape " + java.util.Arrays.toString(a.shape()) + "; (H, W, "
                    + group.bands().size() + ") as in the release's first cube is read");
        }
        List<BandArray> out = new ArrayList<>();
        for (int c = 0; c < a.shape()[2]; c++) {
            out.add(plane(a, c, -1, group.dataType()));
        }
        return out;
    }

    /** Channel {@code c} (of step {@code t}, or of a 3-D array when t is -1) as a W x H band. */
    private static BandArray plane(NpyArray a, int c, int t, DataType type) throws NotReadable {
        if (DataType.common(List.of(type, a.type())) != type) {
            throw new NotReadable("holds " + a.type().id() + " arrays, which the release's " + type.id() + " bands do not hold exactly");
        }
        int h = a.shape()[0], w = a.shape()[1];
        BandArray out = BandArray.allocate(type, w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.set(y * w + x, t < 0 ? a.get(y, x, c) : a.get(y, x, c, t));
            }
        }
        return out;
    }

    private Map<String, NpyArray> read(Path npz) throws IOException, NotReadable {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        long maxValues = limits.itemBytes() / 4; // stored as float32 at least
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (!e.getName().endsWith(".npy")) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(e.getName().substring(0, e.getName().length() - 4), NpyReader.read(in, maxValues));
                } catch (NotReadable ex) {
                    throw new NotReadable(e.getName() + ": " + ex.getMessage());
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new NotReadable("not a .npz (ZIP) archive: " + e.getMessage());
        }
        return out;
    }

    private static NpyArray require(Map<String, NpyArray> arrays, String key, Path file) throws NotReadable {
        NpyArray a = arrays.get(key);
        if (a == null) {
            throw new NotReadable(file.getFileName() + " has no " + key + " (it has " + arrays.keySet() + ")");
        }
        return a;
    }

    /** The release's band groups; the static layers' channel counts and the types come from its first readable cube. */
    private RasterModel model(Map<String, List<Path>> cubes) throws IOException {
        List<String> reasons = new ArrayList<>();
        for (List<Path> files : cubes.values()) {
            Path main = files.getFirst();
            try {
                Map<String, NpyArray> a = read(main);
                NpyArray highres = require(a, "highresdynamic", main);
                NpyArray hrStatic = require(a, "highresstatic", main);
                NpyArray meso = a.get("mesodynamic"), mesoStatic = a.get("mesostatic");
                List<Band> bands = new ArrayList<>();
                List<BandGroup> groups = new ArrayList<>();
                group(bands, groups, "highres", highres.type(), HIGHRES, true);
                BandGroup data = groups.removeLast(); // masked where the mask channel is 1
                groups.add(new BandGroup(data.name(), data.dataType(), null, null, null, data.bands(), true, "mask"));
                group(bands, groups, "highres_mask", highres.type(), List.of("mask"), true);
                group(bands, groups, "highres_static", hrStatic.type(), channels(DEM, hrStatic), false);
                if (meso != null && mesoStatic != null) {
                    group(bands, groups, "meso", meso.type(), MESO, true);
                    group(bands, groups, "meso_static", mesoStatic.type(), channels(MESO_STATIC, mesoStatic), false);
                }
                return new RasterModel(bands, groups, List.of("red", "green", "blue"));
            } catch (NotReadable e) {
                reasons.add(main.getFileName() + ": " + e.getMessage());
            }
        }
        throw new IOException(NAME + " found no readable cube (.npz with highresdynamic and highresstatic)"
                + (reasons.isEmpty() ? "" : ": " + reasons));
    }

    private static List<String> channels(String first, NpyArray a) {
        int c = a.shape().length == 3 ? a.shape()[2] : 1;
        return IntStream.range(0, c).mapToObj(i -> first.equals(DEM) ? (i == 0 ? DEM : DEM + "_" + i) : first + i).toList();
    }

    private static void group(List<Band> bands, List<BandGroup> groups, String name, DataType type, List<String> names, boolean timed) {
        for (String b : names) {
            String common = HIGHRES.contains(b) ? b : null;
            bands.add(new Band(b, common, null, null, name, type, type.floating() ? Double.NaN : null, null, null));
        }
        groups.add(new BandGroup(name, type, null, null, null, names, timed ? Boolean.TRUE : null));
    }

    /** Cube name -> its files (one, or context then target), in name order. */
    private static Map<String, List<Path>> cubes(Path source) throws IOException {
        Map<String, List<Path>> out = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".npz")).sorted().toList();
        }
        for (Path f : files) {
            CubeName name = CubeName.parse(stem(f));
            String key = name == null ? source.relativize(f).toString() : name.cube();
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        return out;
    }

    /** "train", or the test track of "{iid,ood,extreme,seasonal}_test_split/..." as "iid_test". */
    private static String splitOf(String relative) {
        int slash = relative.indexOf('/');
        String top = slash < 0 ? null : relative.substring(0, slash);
        return top != null && top.endsWith("_split") ? top.substring(0, top.length() - "_split".length()) : top;
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".npz") ? name.substring(0, name.length() - 4) : name;
    }
}
