package io.patchserve.raster.geotiff;

import io.patchserve.raster.BandArray;
import io.patchserve.raster.DataType;
import io.patchserve.raster.GridGeometry;
import io.patchserve.raster.Projection;
import org.apache.sis.coverage.grid.GridExtent;
import org.apache.sis.coverage.grid.PixelInCell;
import org.apache.sis.referencing.operation.matrix.Matrix3;
import org.apache.sis.referencing.operation.transform.MathTransforms;
import org.apache.sis.setup.OptionKey;
import org.apache.sis.storage.DataStoreException;
import org.apache.sis.storage.StorageConnector;
import org.apache.sis.storage.geotiff.Compression;
import org.apache.sis.storage.geotiff.GeoTiffStore;
import org.apache.sis.storage.geotiff.GeoTiffStoreProvider;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BandedSampleModel;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferDouble;
import java.awt.image.DataBufferFloat;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferShort;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Bands of one data type on one grid as a GeoTIFF that GDAL, QGIS and rasterio georeference: the CRS as GeoTIFF
 * keys and the grid as its transform, written by Apache SIS's GeoTIFF writer with deflate. The arrays are
 * wrapped, not copied, as a banded image (one plane per band, as the item data already holds them).
 */
public final class GeoTiffWriter {

    private GeoTiffWriter() {
    }

    /** The data types a GeoTIFF here can hold (Java images have no unsigned 32-bit or signed 8-bit samples). */
    public static boolean supports(DataType type) {
        return type != DataType.UINT32 && type != DataType.INT8;
    }

    /** Writes {@code arrays} (all of one type and size) to a new {@code file}. */
    public static void write(Path file, Projection projection, GridGeometry grid, List<BandArray> arrays) throws IOException {
        BandArray first = arrays.getFirst();
        int w = first.width(), h = first.height(), n = arrays.size();
        DataBuffer buffer = buffer(first.type(), arrays, w * h);
        WritableRaster raster = Raster.createWritableRaster(new BandedSampleModel(buffer.getDataType(), w, h, n), buffer, null);
        ColorModel colors = new ComponentColorModel(new Samples(n), false, false, Transparency.OPAQUE, buffer.getDataType());
        BufferedImage image = new BufferedImage(colors, raster, false, null);
        double[] t = grid.transform();
        var gridToCrs = MathTransforms.linear(new Matrix3(t[1], t[2], t[0], t[4], t[5], t[3], 0, 0, 1));
        var geometry = new org.apache.sis.coverage.grid.GridGeometry(new GridExtent(w, h), PixelInCell.CELL_CORNER,
                gridToCrs, projection == null ? null : projection.crs());
        StorageConnector target = new StorageConnector(file);
        target.setOption(OptionKey.OPEN_OPTIONS, new StandardOpenOption[]{StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE});
        target.setOption(Compression.OPTION_KEY, Compression.DEFLATE);
        try (GeoTiffStore store = new GeoTiffStore(new GeoTiffStoreProvider(), target)) {
            store.append(image, geometry, null);
        } catch (DataStoreException e) {
            throw new IOException("cannot write the GeoTIFF: " + e.getMessage(), e);
        }
    }

    private static DataBuffer buffer(DataType type, List<BandArray> arrays, int size) {
        return switch (type) {
            case UINT8 -> new DataBufferByte(arrays.stream().map(a -> (byte[]) a.data()).toArray(byte[][]::new), size);
            case UINT16 -> new DataBufferUShort(arrays.stream().map(a -> (short[]) a.data()).toArray(short[][]::new), size);
            case INT16 -> new DataBufferShort(arrays.stream().map(a -> (short[]) a.data()).toArray(short[][]::new), size);
            case INT32 -> new DataBufferInt(arrays.stream().map(a -> (int[]) a.data()).toArray(int[][]::new), size);
            case FLOAT32 -> new DataBufferFloat(arrays.stream().map(a -> (float[]) a.data()).toArray(float[][]::new), size);
            case FLOAT64 -> new DataBufferDouble(arrays.stream().map(a -> (double[]) a.data()).toArray(double[][]::new), size);
            case UINT32, INT8 -> throw new IllegalArgumentException(type.id() + " has no GeoTIFF form here");
        };
    }

    /** A colour space of {@code n} plain components: the samples are measurements, not colours. */
    private static final class Samples extends ColorSpace {
        Samples(int n) {
            super(TYPE_GRAY, n);
        }

        @Override
        public float[] toRGB(float[] value) {
            return new float[3];
        }

        @Override
        public float[] fromRGB(float[] rgb) {
            return new float[getNumComponents()];
        }

        @Override
        public float[] toCIEXYZ(float[] value) {
            return new float[3];
        }

        @Override
        public float[] fromCIEXYZ(float[] xyz) {
            return new float[getNumComponents()];
        }
    }
}
