import io.patchserve.raster.tiff.TiffReader;
import org.apache.sis.coverage.grid.GridCoverage;
import org.apache.sis.storage.Aggregate;
import org.apache.sis.storage.DataStore;
import org.apache.sis.storage.DataStores;
import org.apache.sis.storage.GridCoverageResource;
import org.apache.sis.storage.Resource;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Decodes every GeoTIFF of a BigEarthNet-like release (12 single-band files per patch, GDAL's layouts) with four
 * readers in interleaved rounds, and checks they agree on every pixel sum:
 *   own  - io.patchserve.raster.tiff.TiffReader (pixels, georeference, EPSG, nodata)
 *   jdk  - the JDK's own ImageIO TIFF plugin (pixels only; GeoKeys would need its metadata tree on top)
 *   12m  - TwelveMonkeys imageio-tiff (pixels only)
 *   sis  - Apache SIS sis-geotiff via DataStores (pixels, grid geometry and CRS)
 * usage: java -cp target/classes:<readers' class path> bench/TiffBench.java RELEASE_DIR [ROUNDS]
 */
public class TiffBench {

    interface Reader {
        long sum(Path file) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path release = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(release)) {
            files = walk.filter(p -> p.toString().endsWith(".tif")).sorted().toList();
        }
        long patches = files.size() / 12;
        Reader own = file -> sum(TiffReader.read(file).pixels().data());
        Reader jdk = file -> imageio(file, "com.sun.imageio.plugins.tiff");
        Reader twelve = file -> imageio(file, "com.twelvemonkeys");
        Reader sis = TiffBench::sis;
        String[] names = {"own", "jdk", "12m", "sis"};
        Reader[] readers = {own, jdk, twelve, sis};
        long[] sums = new long[readers.length];
        String[] failed = new String[readers.length];
        // warm-up: every reader over every file twice, so that the JIT has compiled each path; a reader that
        // cannot read a file GDAL wrote is out
        for (int w = 0; w < 2; w++) {
            for (int r = 0; r < readers.length; r++) {
                sums[r] = 0;
                for (Path f : files) {
                    try {
                        sums[r] += failed[r] == null ? readers[r].sum(f) : 0;
                    } catch (Exception e) {
                        failed[r] = f.getFileName() + ": " + e;
                    }
                }
            }
        }
        String[] wrong = new String[readers.length];
        for (int r = 1; r < readers.length; r++) {
            if (failed[r] == null && sums[r] != sums[0]) {
                wrong[r] = "WRONG PIXELS (timed all the same): sum " + sums[r] + " where GDAL's statistics and own give " + sums[0];
            }
        }
        List<double[]> msPerPatch = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            double[] row = new double[readers.length];
            for (int r = 0; r < readers.length; r++) {
                if (failed[r] != null) {
                    row[r] = Double.NaN;
                    continue;
                }
                long t0 = System.nanoTime();
                for (Path f : files) {
                    readers[r].sum(f);
                }
                row[r] = (System.nanoTime() - t0) / 1e6 / patches;
            }
            msPerPatch.add(row);
        }
        System.out.printf("%d files, %d patches; pixel sum %d%n%n", files.size(), patches, sums[0]);
        for (int r = 1; r < readers.length; r++) {
            System.out.println("- " + names[r] + ": " + (failed[r] != null ? "FAILS: " + failed[r]
                    : wrong[r] != null ? wrong[r] : "reads every file, same pixels as own"));
        }
        System.out.println();
        System.out.println("| round | own ms/patch | jdk ImageIO | TwelveMonkeys | SIS | jdk/own | 12m/own | sis/own |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < msPerPatch.size(); i++) {
            double[] m = msPerPatch.get(i);
            System.out.printf("| %d | %.3f | %.3f | %.3f | %.3f | %.1fx | %.1fx | %.1fx |%n", i + 1, m[0], m[1], m[2], m[3],
                    m[1] / m[0], m[2] / m[0], m[3] / m[0]);
        }
    }

    private static long imageio(Path file, String pluginPackage) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            while (readers.hasNext()) {
                ImageReader reader = readers.next();
                if (reader.getClass().getName().startsWith(pluginPackage)) {
                    reader.setInput(in);
                    try {
                        return sum(reader.canReadRaster() ? reader.readRaster(0, null) : reader.read(0).getRaster());
                    } finally {
                        reader.dispose();
                    }
                }
            }
        }
        throw new IllegalStateException("no " + pluginPackage + " reader");
    }

    private static long sis(Path file) throws Exception {
        try (DataStore store = DataStores.open(file)) {
            Resource resource = store instanceof Aggregate a ? a.components().iterator().next() : store;
            GridCoverage coverage = ((GridCoverageResource) resource).read(null);
            RenderedImage image = coverage.render(null);
            return sum(image.getData());
        }
    }

    private static long sum(Raster raster) {
        int[] samples = raster.getSamples(raster.getMinX(), raster.getMinY(), raster.getWidth(), raster.getHeight(), 0, (int[]) null);
        long s = 0;
        for (int v : samples) {
            s += v & 0xFFFF;
        }
        return s;
    }

    private static long sum(Object data) {
        long s = 0;
        for (short v : (short[]) data) {
            s += v & 0xFFFF;
        }
        return s;
    }
}
