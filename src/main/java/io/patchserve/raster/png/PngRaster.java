package io.patchserve.raster.png;

import io.patchserve.raster.BandArray;
import io.patchserve.raster.DataType;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Decodes an 8-bit PNG, whole or a window of it, into one uint8 band per colour channel (alpha dropped). */
public final class PngRaster {

    /** What a PNG's IHDR says, read without decoding anything. */
    public record Header(int width, int height, int channels, int bitDepth) {
    }

    private PngRaster() {
    }

    /** The header of the PNG the stream starts with (its first 29 bytes). */
    public static Header header(InputStream png) throws IOException {
        DataInputStream in = new DataInputStream(png);
        byte[] start = new byte[16];
        in.readFully(start); // signature, IHDR length and type
        if (start[12] != 'I' || start[13] != 'H' || start[14] != 'D' || start[15] != 'R') {
            throw new IOException("not a PNG (no IHDR first)");
        }
        int width = in.readInt(), height = in.readInt();
        int bitDepth = in.readUnsignedByte(), colourType = in.readUnsignedByte();
        int channels = switch (colourType) {
            case 0, 3 -> 1;
            case 4 -> 2;
            case 2 -> 3;
            case 6 -> 4;
            default -> throw new IOException("not a PNG colour type: " + colourType);
        };
        return new Header(width, height, channels, bitDepth);
    }

    /** Every pixel of the PNG. */
    public static List<BandArray> decode(InputStream png) throws IOException {
        return decode(png, null);
    }

    /** The pixels of {@code window} (col, row, width, height), or of the whole image when it is null. */
    public static List<BandArray> decode(InputStream png, Rectangle window) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(png)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("not a PNG that can be decoded");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                ImageReadParam param = reader.getDefaultReadParam();
                if (window != null) {
                    // rows below the window are not decoded, and only the window's pixels are kept
                    param.setSourceRegion(window);
                }
                return bands(reader.read(0, param));
            } finally {
                reader.dispose();
            }
        }
    }

    private static List<BandArray> bands(BufferedImage image) throws IOException {
        Raster raster = image.getRaster();
        int w = raster.getWidth(), h = raster.getHeight();
        int colourBands = Math.min(raster.getNumBands(), image.getColorModel().getNumColorComponents());
        if (image.getColorModel().getComponentSize(0) != 8) {
            throw new IOException("only 8-bit PNGs can be cropped, this one has "
                    + image.getColorModel().getComponentSize(0) + "-bit samples");
        }
        List<BandArray> bands = new ArrayList<>();
        int[] samples = new int[w];
        for (int b = 0; b < colourBands; b++) {
            BandArray band = BandArray.allocate(DataType.UINT8, w, h);
            byte[] data = (byte[]) band.data();
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, b, samples);
                for (int x = 0; x < w; x++) {
                    data[y * w + x] = (byte) samples[x];
                }
            }
            bands.add(band);
        }
        return bands;
    }
}
