package io.patchserve.ingest.mmearth;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.patchserve.catalog.ItemVectors;
import io.patchserve.raster.Band;
import io.patchserve.raster.BandGroup;
import io.patchserve.raster.DataType;
import io.patchserve.raster.RasterModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An MMEarth release on disk: {@code NAME.h5} with one (N, C, H, W) dataset per image modality, (N, C) vectors,
 * and an N-row compound {@code metadata} (tile id, Sentinel-2 product type); beside it
 * {@code NAME_band_stats.json}, {@code NAME_splits.json} and {@code NAME_tile_info.json}.
 */
final class MmearthRelease implements AutoCloseable {

    final Path h5;
    final Path bandStats;
    final Path splits;
    final Path tileInfo;
    final HdfFile file;
    final long rows;
    final RasterModel model;
    /** Image modalities in file order, the band groups of the model. */
    final List<String> imageModalities = new ArrayList<>();
    final int height;
    final int width;
    /** The per-row vectors the release holds, kept as item properties. */
    final ItemVectors vectors;

    private MmearthRelease(Path h5) throws IOException {
        this.h5 = h5;
        String stem = h5.getFileName().toString().replaceFirst("\\.h5$", "");
        Path dir = h5.toAbsolutePath().getParent();
        this.bandStats = required(dir.resolve(stem + "_band_stats.json"));
        this.splits = required(dir.resolve(stem + "_splits.json"));
        this.tileInfo = required(dir.resolve(stem + "_tile_info.json"));
        try {
            this.file = new HdfFile(h5);
        } catch (RuntimeException e) {
            throw new IOException(h5.getFileName() + " is not a readable HDF5 file: " + e.getMessage(), e);
        }
        try {
            Node meta = file.getChild("metadata");
            if (!(meta instanceof Dataset metadata) || !metadata.isCompound()) {
                throw new IOException(h5.getFileName() + " has no compound 'metadata' dataset of tile ids");
            }
            this.rows = metadata.getDimensions()[0];
            List<Band> bands = new ArrayList<>();
            List<BandGroup> groups = new ArrayList<>();
            int h = -1, w = -1;
            for (Node node : file) {
                if (node instanceof Dataset ds && ds.getDimensions().length == 4) {
                    int[] dims = ds.getDimensions();
                    if (dims[0] != rows) {
                        throw new IOException("modality " + ds.getName() + " has " + dims[0] + " rows, metadata " + rows);
                    }
                    if (h >= 0 && (dims[2] != h || dims[3] != w)) {
                        throw new IOException("modality " + ds.getName() + " is " + dims[2] + "x" + dims[3] + ", others " + h + "x" + w);
                    }
                    h = dims[2];
                    w = dims[3];
                    DataType type = dataType(ds);
                    List<String> names = new ArrayList<>();
                    for (int c = 0; c < dims[1]; c++) {
                        String name = Modalities.bandName(ds.getName(), c, dims[1]);
                        names.add(name);
                        String base = ds.getName().equals(Modalities.SENTINEL2) ? name : null;
                        bands.add(new Band(name, base == null ? null : Modalities.S2_COMMON_NAMES.get(base), null, 10.0,
                                ds.getName(), type, Modalities.NODATA.get(ds.getName()), null, null));
                    }
                    groups.add(new BandGroup(ds.getName(), type, dims[3], dims[2], 10.0, names));
                    imageModalities.add(ds.getName());
                }
            }
            if (groups.isEmpty()) {
                throw new IOException(h5.getFileName() + " has no (N, C, H, W) image modality");
            }
            this.height = h;
            this.width = w;
            this.vectors = vectors(file);
            // a preview from the bands there are: Sentinel-2's true colour when the release holds B4, B3 and B2
            // under their names, otherwise the first band in grey
            List<String> names = bands.stream().map(Band::name).toList();
            List<String> rgb = names.containsAll(Modalities.RGB) ? Modalities.RGB
                    : List.of(names.getFirst(), names.getFirst(), names.getFirst());
            this.model = new RasterModel(bands, groups, rgb);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e instanceof IOException io ? io : new IOException(h5.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static ItemVectors vectors(HdfFile file) throws IOException {
        Map<String, ItemVectors.Vector> out = new LinkedHashMap<>();
        for (Node node : file) {
            if (node instanceof Dataset ds && ds.getDimensions().length == 2 && !ds.isCompound()) {
                String name = ds.getName();
                boolean oneHot = Modalities.ONE_HOT_PROPERTIES.contains(name);
                if (oneHot || Modalities.VECTOR_PROPERTIES.contains(name)) {
                    out.put(name, new ItemVectors.Vector("mmearth:" + name, ds.getDimensions()[1], dataType(ds).id(),
                            oneHot ? ItemVectors.ONE_HOT : ItemVectors.VALUES, Modalities.VECTOR_NODATA.get(name)));
                }
            }
        }
        return new ItemVectors(out);
    }

    /** The release at {@code source}: the .h5 itself, or a folder holding exactly one. */
    static MmearthRelease open(Path source) throws IOException {
        Path h5 = source;
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.list(source)) {
                List<Path> found = files.filter(p -> p.getFileName().toString().endsWith(".h5")).sorted().toList();
                if (found.size() != 1) {
                    throw new IOException("an MMEarth folder holds exactly one .h5 file; " + source + " has " + found.size());
                }
                h5 = found.getFirst();
            }
        }
        if (!Files.isRegularFile(h5)) {
            throw new IOException(source + " is neither an MMEarth .h5 file nor a folder holding one");
        }
        return new MmearthRelease(h5);
    }

    private static Path required(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("missing side file " + file.getFileName());
        }
        return file;
    }

    static DataType dataType(Dataset ds) throws IOException {
        var t = ds.getDataType();
        if (t instanceof FloatingPoint fp) {
            return fp.getSize() == 4 ? DataType.FLOAT32 : DataType.FLOAT64;
        }
        if (t instanceof FixedPoint fx) {
            return switch (fx.getSize() * (fx.isSigned() ? -1 : 1)) {
                case 1 -> DataType.UINT8;
                case -1 -> DataType.INT8;
                case 2 -> DataType.UINT16;
                case -2 -> DataType.INT16;
                case 4 -> DataType.UINT32;
                case -4 -> DataType.INT32;
                default -> throw new IOException(ds.getName() + ": unsupported " + fx.getSize() + "-byte integers");
            };
        }
        throw new IOException(ds.getName() + ": unsupported data type " + t.getClass().getSimpleName());
    }

    @Override
    public void close() {
        file.close();
    }
}
