package io.patchserve.raster.hdf5;

import io.jhdf.Constants;
import io.jhdf.HdfFile;
import io.jhdf.ObjectHeader;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableDataset;
import io.jhdf.object.message.LinkInfoMessage;
import io.jhdf.object.message.LinkMessage;
import io.patchserve.raster.Band;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.DataType;
import io.patchserve.raster.GroupRaster;
import io.patchserve.raster.Projection;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.Inflater;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Patchserve's HDF5 layout, for an item's canonical file and for crops. One (C, H, W) dataset per band group,
 * or (T, C, H, W) for a group with a time axis, chunked per band (and step) and deflated (with byte shuffle),
 * unsigned types kept unsigned. Attributes, so that the file
 * explains itself without the catalog:
 * <ul>
 *   <li>root: {@code format} ("patchserve-raster/1"), {@code band_names} (every band, in the collection's
 *       order), {@code crs_wkt} and {@code crs_epsg}
 *       when georeferenced, plus caller-given strings such as {@code collection} and {@code item};</li>
 *   <li>each dataset: {@code band_names}, {@code data_type}, {@code nodata} (NaN where a band has none),
 *       {@code scale}, {@code offset}, {@code geotransform} (GDAL order) and {@code gsd} when georeferenced,
 *       and the CRS again;</li>
 *   <li>netCDF-4/CF, so that xarray and GDAL read it without help: dimension scales {@code band}, {@code y} and
 *       {@code x} per group (suffixed {@code _<group>} when the file has several groups, whose grids differ) with
 *       the band names and the pixel-centre coordinates, the CF grid mapping {@code crs_<group>}, and
 *       {@code scale_factor}, {@code add_offset} and {@code _FillValue} when every band of the group shares
 *       them.</li>
 * </ul>
 */
public final class ItemFiles {

    public static final String FORMAT = "patchserve-raster/1";
    private static final int DEFLATE_LEVEL = 1;

    private ItemFiles() {
    }

    /** Writes the groups to {@code file}, the root's band_names in group order (a crop's one group). */
    public static void write(Path file, Projection projection, List<GroupRaster> groups, java.util.Map<String, String> labels) {
        List<String> inGroupOrder = new ArrayList<>();
        groups.forEach(g -> g.bands().forEach(b -> inGroupOrder.add(b.name())));
        write(file, projection, groups, labels, inGroupOrder);
    }

    /**
     * Writes the groups to {@code file}; {@code labels} are extra root string attributes (collection, item ...);
     * the root's {@code band_names} lists the file's bands in {@code bandOrder}, the collection's order.
     */
    public static void write(Path file, Projection projection, List<GroupRaster> groups, java.util.Map<String, String> labels,
                             List<String> bandOrder) {
        NetcdfDimensions dimensions = new NetcdfDimensions();
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            h5.putAttribute("format", FORMAT);
            h5.putAttribute("Conventions", "CF-1.8");
            labels.forEach(h5::putAttribute);
            List<String> present = new ArrayList<>();
            groups.forEach(g -> g.bands().forEach(b -> present.add(b.name())));
            List<String> ordered = new ArrayList<>(bandOrder.stream().filter(present::contains).toList());
            present.stream().filter(b -> !ordered.contains(b)).forEach(ordered::add);
            h5.putAttribute("band_names", ordered.toArray(String[]::new));
            putCrs(h5, projection);
            for (GroupRaster g : groups) {
                WritableDataset ds = h5.putDataset(g.group().name(), stack(g), options(g));
                ds.putAttribute("band_names", g.bands().stream().map(Band::name).toArray(String[]::new));
                ds.putAttribute("data_type", g.group().dataType().id());
                ds.putAttribute("nodata", g.bands().stream().mapToDouble(b -> b.nodata() == null ? Double.NaN : b.nodata()).toArray());
                ds.putAttribute("scale", g.bands().stream().mapToDouble(Band::scaleOrOne).toArray());
                ds.putAttribute("offset", g.bands().stream().mapToDouble(Band::offsetOrZero).toArray());
                if (projection != null) {
                    ds.putAttribute("geotransform", g.grid().transform());
                    ds.putAttribute("gsd", Math.abs(g.grid().transform()[1]));
                    putCrs(ds, projection);
                    putGridMapping(h5, ds, g, projection);
                }
                CfAxes.putPacking(ds, g.bands(), g.group().dataType());
                String suffix = groups.size() == 1 ? "" : "_" + g.group().name();
                CfAxes.NumberedAxis band = CfAxes.numbered(h5, dimensions, "band", suffix,
                        g.bands().stream().map(Band::name).toList());
                String[] yx = CfAxes.pixelCentres(h5, dimensions, suffix, g.grid(), projection);
                if (g.group().timed()) {
                    String time = CfAxes.time(h5, dimensions, suffix, g.times());
                    dimensions.attach(ds, time, band.dimension(), yx[0], yx[1]);
                } else {
                    dimensions.attach(ds, band.dimension(), yx[0], yx[1]);
                }
                ds.putAttribute("coordinates", band.names());
            }
        }
        dimensions.finish(file);
    }

    /**
     * The CF way to georeference a variable, as GDAL's netCDF driver reads it from any HDF5 file (libnetcdf opens
     * files without dimension scales, with phony dimensions): a grid-mapping variable {@code crs_<group>} whose
     * {@code spatial_ref}/{@code crs_wkt} and {@code GeoTransform} attributes place the group, named by the
     * group's {@code grid_mapping}. {@code gdalinfo NETCDF:"item.h5":10m} then shows the CRS, origin and pixel
     * size.
     */
    private static void putGridMapping(WritableHdfFile h5, WritableDataset ds, GroupRaster g, Projection projection) {
        String name = "crs_" + g.group().name();
        WritableDataset crs = h5.putDataset(name, 0); // CF grid mappings are scalar; the value is never read
        crs.putAttribute("spatial_ref", projection.wkt());
        crs.putAttribute("crs_wkt", projection.wkt());
        double[] t = g.grid().transform();
        StringBuilder geoTransform = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            geoTransform.append(i > 0 ? " " : "").append(t[i]);
        }
        crs.putAttribute("GeoTransform", geoTransform.toString());
        ds.putAttribute("grid_mapping", name);
    }

    private static void putCrs(io.jhdf.api.WritableNode node, Projection projection) {
        if (projection != null) {
            node.putAttribute("crs_wkt", projection.wkt());
            if (projection.epsg() != null) {
                node.putAttribute("crs_epsg", (long) projection.epsg());
            }
        }
    }

    private static DatasetCreationOptions options(GroupRaster g) {
        DatasetCreationOptions.Builder b = DatasetCreationOptions.builder().chunkDimensions(g.group().timed()
                ? new int[]{1, 1, g.grid().height(), g.grid().width()} : new int[]{1, g.grid().height(), g.grid().width()});
        if (g.group().dataType().unsigned()) {
            b.unsigned();
        }
        if (g.group().dataType().bytes() > 1) {
            b.shuffle();
        }
        return b.deflate(DEFLATE_LEVEL).build();
    }

    /**
     * The group's bands as the Java array jhdf writes: (C, H, W) byte[][][], short[][][] ..., or (T, C, H, W) for a
     * group with a time axis.
     */
    private static Object stack(GroupRaster g) {
        DataType type = g.group().dataType();
        int c = g.bands().size(), h = g.grid().height(), w = g.grid().width();
        Class<?> element = g.arrays().getFirst().data().getClass().getComponentType();
        Object out = g.group().timed() ? Array.newInstance(element, g.steps(), c, h, w) : Array.newInstance(element, c, h, w);
        for (int step = 0; step < g.steps(); step++) {
            Object bands = g.group().timed() ? Array.get(out, step) : out;
            for (int band = 0; band < c; band++) {
                BandArray a = g.array(step, band);
                if (a.type() != type) {
                    throw new IllegalArgumentException("band " + g.bands().get(band).name() + " is " + a.type().id()
                            + " in a " + type.id() + " group");
                }
                Object plane = Array.get(bands, band);
                for (int row = 0; row < h; row++) {
                    System.arraycopy(a.data(), row * w, Array.get(plane, row), 0, w);
                }
            }
        }
        return out;
    }

    /**
     * A band group of an open item file (its dataset, read while the file is open) and its attributes as
     * {@link #write} puts them; {@code steps} is the length of its time axis, 0 when it has none.
     */
    public record GroupInfo(String name, Dataset dataset, List<String> bandNames, DataType dataType, int width, int height,
                            double[] geotransform, int steps) {

        public boolean timed() {
            return steps > 0;
        }
    }

    /**
     * The file's band groups among {@code names} (the collection's groups), each read alone. jHDF reads a group's
     * children all at once, parsing the object header of every child: beside each band group sit its CF grid
     * mapping and dimension scales, a dozen headers with their attributes that a stacked export of thousands of
     * items would parse per item (most of its allocation, bench/README.md "Stacked exports"). The root's links are
     * read from its own header, where {@link #write} keeps them; a file whose root keeps them elsewhere (dense or
     * old-style groups) is read child by child.
     */
    public static List<GroupInfo> groups(HdfFile file, Collection<String> names) {
        ObjectHeader root = ObjectHeader.readObjectHeader(file.getHdfBackingStorage(), file.getAddress());
        if (!root.hasMessageOfType(LinkInfoMessage.class)
                || root.getMessageOfType(LinkInfoMessage.class).getBTreeNameIndexAddress() != Constants.UNDEFINED_ADDRESS) {
            return groups(file);
        }
        List<GroupInfo> out = new ArrayList<>();
        for (LinkMessage link : root.getMessagesOfType(LinkMessage.class)) {
            if (link.getLinkType() == LinkMessage.LinkType.HARD && names.contains(link.getLinkName())
                    && file.getNodeByAddress(link.getHardLinkAddress()) instanceof Dataset ds && isBandGroup(ds)) {
                out.add(info(ds, link.getLinkName()));
            }
        }
        return out;
    }

    /** Every band group of the file (not the grid-mapping variables and dimension scales beside them). */
    public static List<GroupInfo> groups(HdfFile file) {
        List<GroupInfo> out = new ArrayList<>();
        file.getChildren().forEach((name, node) -> {
            if (node instanceof Dataset ds && isBandGroup(ds)) {
                out.add(info(ds, name));
            }
        });
        return out;
    }

    private static boolean isBandGroup(Dataset ds) {
        int rank = ds.getDimensions().length;
        return (rank == 3 || rank == 4) && ds.getAttribute("band_names") != null;
    }

    private static GroupInfo info(Dataset ds, String name) {
        int[] dims = ds.getDimensions();
        int rank = dims.length;
        Attribute gt = ds.getAttribute("geotransform");
        return new GroupInfo(name, ds, List.of((String[]) ds.getAttribute("band_names").getData()),
                DataType.of((String) ds.getAttribute("data_type").getData()), dims[rank - 1], dims[rank - 2],
                gt == null ? null : (double[]) gt.getData(), rank == 4 ? dims[0] : 0);
    }

    /** HDF5's filter ids: shuffle, then deflate, as {@link #options} stores multi-byte bands (deflate alone for bytes). */
    private static final List<Integer> SHUFFLE_DEFLATE = List.of(2, 1);
    private static final List<Integer> DEFLATE = List.of(1);

    /**
     * Puts a whole band's samples (row-major, little-endian) into {@code into}, inflated from its stored chunk
     * straight into place, when the file holds the band as {@link #write} lays bands out (one chunk of
     * little-endian samples, deflated, shuffled first when wider than a byte): no arrays are built and no filter
     * pipeline's intermediate copies made, which a stacked export of thousands of items would otherwise allocate.
     * Returns false, having put nothing, for any other layout. {@code scratch}, when it holds a band, is where the
     * shuffled bytes are inflated to (a caller copying many bands reuses it); null or smaller: a new array.
     */
    public static boolean copyBand(GroupInfo group, int bandIndex, ByteBuffer into, byte[] scratch) {
        Dataset ds = group.dataset();
        if (!(ds instanceof io.jhdf.api.dataset.ChunkedDataset chunked)
                || !java.util.Arrays.equals(chunked.getChunkDimensions(), new int[]{1, group.height(), group.width()})
                || !(ds.getDataType() instanceof io.jhdf.object.datatype.OrderedDataType ordered)
                || ordered.getByteOrder() != java.nio.ByteOrder.LITTLE_ENDIAN) {
            return false;
        }
        List<Integer> filters = ds.getFilters().stream().map(io.jhdf.filter.PipelineFilterWithData::getId).toList();
        int sampleBytes = ds.getDataType().getSize();
        int samples = group.width() * group.height();
        boolean shuffled = filters.equals(SHUFFLE_DEFLATE) && sampleBytes > 1;
        if (!shuffled && !filters.equals(DEFLATE)) {
            return false;
        }
        ByteBuffer compressed = chunked.getRawChunkBuffer(new int[]{bandIndex, 0, 0});
        int start = into.position();
        int length = samples * sampleBytes;
        byte[] plain = scratch != null && scratch.length >= length ? scratch : new byte[length];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            int n = inflater.inflate(plain, 0, length);
            if (n != length || !inflater.finished()) {
                throw new IllegalStateException(group.name() + " band " + bandIndex + " inflates to " + n + " bytes, not "
                        + length);
            }
        } catch (java.util.zip.DataFormatException e) {
            throw new IllegalStateException(group.name() + " band " + bandIndex + " is not deflate data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
        if (!shuffled) {
            into.put(plain, 0, length);
            return true;
        }
        // shuffle stored byte k of every sample together: sample i's byte k is at k * samples + i
        for (int i = 0; i < samples; i++) {
            for (int k = 0; k < sampleBytes; k++) {
                into.put(start + i * sampleBytes + k, plain[k * samples + i]);
            }
        }
        into.position(start + length);
        return true;
    }

    /**
     * Band {@code bandIndex}'s whole grid at {@code step} (ignored without a time axis): inflated straight from its
     * chunk ({@link #copyBand}) when the file lays it out so, otherwise through jHDF.
     */
    public static BandArray readPlane(GroupInfo group, int step, int bandIndex) {
        BandArray out = BandArray.allocate(group.dataType(), group.width(), group.height());
        if (!group.timed() && group.dataset().getDataType().getSize() == group.dataType().bytes()) {
            ByteBuffer samples = ByteBuffer.allocate(out.length() * group.dataType().bytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            if (copyBand(group, bandIndex, samples, null)) {
                out.getLittleEndian(samples.flip());
                return out;
            }
        }
        return readWindow(group, step, bandIndex, 0, 0, group.width(), group.height());
    }

    /**
     * Reads band {@code bandIndex} of {@code group}, rows {@code row..row+height} and columns {@code col..col+width}:
     * only the chunks the window touches are inflated.
     */
    public static BandArray readWindow(GroupInfo group, int bandIndex, int col, int row, int width, int height) {
        return readWindow(group, 0, bandIndex, col, row, width, height);
    }

    /** The same at step {@code step} of a group with a time axis (ignored for one without). */
    public static BandArray readWindow(GroupInfo group, int step, int bandIndex, int col, int row, int width, int height) {
        Object data = group.timed()
                ? Array.get(group.dataset().getData(new long[]{step, bandIndex, row, col}, new int[]{1, 1, height, width}), 0)
                : group.dataset().getData(new long[]{bandIndex, row, col}, new int[]{1, height, width});
        BandArray out = BandArray.allocate(group.dataType(), width, height);
        Hdf5Rows.copyPlane(data, 0, out);
        return out;
    }

    /**
     * The instants of a timed group's steps, from the CF time coordinate {@link #write} attaches ({@code time_<group>},
     * or {@code time} in a file of one group): whole seconds since the epoch.
     */
    public static List<java.time.Instant> times(HdfFile file, GroupInfo group) {
        if (!group.timed()) {
            return List.of();
        }
        Dataset time;
        try {
            time = file.getDatasetByPath("time_" + group.name());
        } catch (io.jhdf.exceptions.HdfInvalidPathException e) {
            time = file.getDatasetByPath("time");
        }
        Object values = time.getData();
        List<java.time.Instant> out = new ArrayList<>();
        for (int i = 0; i < Array.getLength(values); i++) {
            out.add(java.time.Instant.ofEpochSecond(((Number) Array.get(values, i)).longValue()));
        }
        if (out.size() != group.steps()) {
            throw new IllegalStateException(group.name() + " has " + group.steps() + " steps but its time axis " + out.size());
        }
        return out;
    }
}
