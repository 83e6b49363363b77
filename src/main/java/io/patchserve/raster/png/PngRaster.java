package io.patchserve.raster.png;

import io.patchserve.raster.BandArray;
import io.patchserve.raster.DataType;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Decodes an 8-bit PNG into one uint8 band per colour channel (alpha dropped). */
public final class PngRaster {

    private PngRaster() {
    }

    public static List<BandArray> decode(InputStream png) throws IOException {
        BufferedImage image = ImageIO.read(png);
        if (image == null) {
            throw new IOException("not a PNG that can be decoded");
        }
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
