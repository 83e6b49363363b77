package io.patchserve.raster.geotiff;

import io.patchserve.raster.Band;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.DataType;
import io.patchserve.raster.GridGeometry;
import io.patchserve.raster.Projection;
import io.patchserve.raster.tiff.TiffImage;
import io.patchserve.raster.tiff.TiffReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The COG layout, read back by the ingest's TIFF reader (pixels, grid, EPSG, nodata) and walked directory by
 * directory. GDAL reads the same files in check_bigearthnet.py, with GDAL's COG validator.
 */
@Tag("unit")
class CloudOptimizedGeoTiffTest {

    private static final double[] TRANSFORM = {600000, 10, 0, 5000000, 0, -10};

    @Test
    void aLargeBandReadsBackWithItsGeoreferenceAndHasOverviewsAfterTheDirectories() throws Exception {
        int w = 1100, h = 530;
        BandArray band = BandArray.allocate(DataType.UINT16, w, h);
        for (int i = 0; i < w * h; i++) {
            band.set(i, (i * 7919) % 65521);
        }
        byte[] tif = write(List.of(new Band("B08", "nir", 0.842, 10.0, "10m", DataType.UINT16, 0.0, 0.0001, null)), List.of(band), w, h);

        TiffImage image = TiffReader.read(ByteBuffer.wrap(tif), new io.patchserve.raster.PixelBudget(Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE));
        assertThat((short[]) image.pixels().data()).isEqualTo((short[]) band.data());
        assertThat(image.grid().transform()).containsExactly(TRANSFORM);
        assertThat(image.epsg()).isEqualTo(32633);
        assertThat(image.nodata()).isEqualTo(0.0);

        List<long[]> directories = directories(tif); // {offset, width, subfile type, first tile offset}
        assertThat(directories).extracting(d -> d[1]).containsExactly(1100L, 550L, 275L);
        assertThat(directories).extracting(d -> d[2]).containsExactly(0L, 1L, 1L);
        long lastDirectory = directories.getLast()[0];
        assertThat(directories).allSatisfy(d -> assertThat(d[3]).isGreaterThan(lastDirectory));
        // tile data runs from the smallest overview to full resolution, as GDAL's COG driver writes it
        assertThat(directories.get(2)[3]).isLessThan(directories.get(1)[3]);
        assertThat(directories.get(1)[3]).isLessThan(directories.get(0)[3]);
    }

    @Test
    void aSmallImageIsOneTileWithoutOverviews() throws Exception {
        BandArray a = BandArray.allocate(DataType.FLOAT32, 120, 100), b = BandArray.allocate(DataType.FLOAT32, 120, 100);
        List<Band> bands = new ArrayList<>();
        for (String name : new String[]{"VV", "VH"}) {
            bands.add(new Band(name, null, null, 10.0, "s1", DataType.FLOAT32, Double.NaN, null, null));
        }
        List<long[]> directories = directories(write(bands, List.of(a, b), 120, 100));
        assertThat(directories).hasSize(1);
    }

    @Test
    void aCrsWithoutAnEpsgCodeIsLeftToTheSisWriter() {
        assertThat(CloudOptimizedGeoTiff.canName(null)).isFalse();
        assertThat(CloudOptimizedGeoTiff.canName(Projection.forEpsg(4326))).isTrue();
        BandArray a = BandArray.allocate(DataType.UINT8, 4, 4);
        assertThatThrownBy(() -> CloudOptimizedGeoTiff.write(new ByteArrayOutputStream(), null,
                new GridGeometry(4, 4, TRANSFORM), List.of(new Band("b", null, null, null, null, DataType.UINT8, null, null, null)), List.of(a)))
                .hasMessageContaining("EPSG");
    }

    private static byte[] write(List<Band> bands, List<BandArray> arrays, int w, int h) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CloudOptimizedGeoTiff.write(out, Projection.forEpsg(32633), new GridGeometry(w, h, TRANSFORM), bands, arrays);
        return out.toByteArray();
    }

    /** Each directory's offset, width (256), NewSubfileType (254) and first tile offset (324). */
    private static List<long[]> directories(byte[] tif) {
        ByteBuffer b = ByteBuffer.wrap(tif).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getShort(0)).isEqualTo((short) 0x4949);
        List<long[]> out = new ArrayList<>();
        for (long at = b.getInt(4); at != 0; ) {
            int n = b.getShort((int) at);
            long width = 0, subfile = -1, firstTile = 0;
            for (int i = 0; i < n; i++) {
                int entry = (int) at + 2 + 12 * i, tag = b.getShort(entry) & 0xFFFF, count = b.getInt(entry + 4);
                long value = b.getInt(entry + 8) & 0xFFFFFFFFL;
                switch (tag) {
                    case 256 -> width = value;
                    case 254 -> subfile = value;
                    case 324 -> firstTile = count == 1 ? value : b.getInt((int) value) & 0xFFFFFFFFL;
                    default -> { }
                }
            }
            out.add(new long[]{at, width, subfile, firstTile});
            at = b.getInt((int) at + 2 + 12 * n) & 0xFFFFFFFFL;
        }
        return out;
    }
}
