package io.patchserve.ingest.bigearthnet;

import io.patchserve.raster.Band;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.BandGroup;
import io.patchserve.raster.GridGeometry;
import io.patchserve.raster.GroupRaster;
import io.patchserve.raster.PixelBudget;
import io.patchserve.raster.RasterModel;
import io.patchserve.raster.tiff.InvalidTiffException;
import io.patchserve.raster.tiff.TiffImage;
import io.patchserve.raster.tiff.TiffReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What both BigEarthNet generations do with a patch's single-band GeoTIFFs: read them safely, group them. */
final class PatchTiffs {

    private PatchTiffs() {
    }

    /** Why a patch is skipped; the message is the reason users read in the report. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    /** One band file; a link, a missing file or an undecodable one is the patch's {@link Invalid} reason. */
    static TiffImage read(Path tif, PixelBudget budget) throws IOException, Invalid {
        BasicFileAttributes file; // one lstat tells a link, a missing file and a folder apart
        try {
            file = Files.readAttributes(tif, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new Invalid("missing band file " + tif.getFileName());
        }
        if (file.isSymbolicLink()) {
            throw new Invalid(tif.getFileName() + ": links are not followed (a release's files must be its own)");
        }
        if (!file.isRegularFile()) {
            throw new Invalid("missing band file " + tif.getFileName());
        }
        try {
            return TiffReader.read(tif, budget);
        } catch (InvalidTiffException e) {
            throw new Invalid(tif.getFileName() + ": " + e.getMessage());
        }
    }

    /** A band group of {@code images} (band name -> image) on {@code grid}, each band of the group's type and size. */
    static GroupRaster group(BandGroup group, RasterModel model, Map<String, TiffImage> images, GridGeometry grid)
            throws Invalid {
        List<Band> bands = new ArrayList<>();
        List<BandArray> arrays = new ArrayList<>();
        for (String bandName : group.bands()) {
            BandArray pixels = images.get(bandName).pixels();
            if (pixels.type() != group.dataType() || pixels.width() != group.width() || pixels.height() != group.height()) {
                throw new Invalid(bandName + " is " + pixels.type().id() + " " + pixels.width() + "x" + pixels.height()
                        + ", expected " + group.dataType().id() + " " + group.width() + "x" + group.height());
            }
            bands.add(model.band(bandName));
            arrays.add(pixels);
        }
        return new GroupRaster(group, grid, bands, arrays);
    }
}
