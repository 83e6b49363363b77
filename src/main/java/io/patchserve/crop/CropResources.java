package io.patchserve.crop;

import io.patchserve.raster.png.Rendering;
import io.patchserve.raster.GroupRaster;
import io.patchserve.raster.BandGroup;
import io.patchserve.raster.hdf5.ItemFiles;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.List;

/** {@code crop.png} and {@code crop.h5} of an item: one class each, so neither shadows the item's own route. */
public final class CropResources {

    private CropResources() {
    }

    private static CropParameters parameters(String bands, List<String> rescale, String window, String bbox,
                                             String bboxCrs, String width, String height) {
        return CropParameters.parse(bands, rescale, window, bbox, bboxCrs, width, height);
    }

    @Path("/collections/{collectionId}/items/{itemId}/crop.png")
    @RunOnVirtualThread
    public static class Png {
        private final CropService crops;

        public Png(CropService crops) {
            this.crops = crops;
        }

        @GET
        public Response get(@PathParam("collectionId") String collectionId, @PathParam("itemId") String itemId,
                            @QueryParam("bands") String bands, @QueryParam("rescale") List<String> rescale,
                            @QueryParam("window") String window, @QueryParam("bbox") String bbox,
                            @QueryParam("bbox-crs") String bboxCrs, @QueryParam("width") String width,
                            @QueryParam("height") String height) {
            Crop crop = crops.crop(collectionId, itemId, parameters(bands, rescale, window, bbox, bboxCrs, width, height), true);
            StreamingOutput body = out -> {
                BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
                Rendering.writePng(buffered, crop.arrays(), crop.bands(), crop.ranges(), crops.pngLevel(crop));
                buffered.flush();
            };
            return Response.ok(body, "image/png")
                    .header("Content-Disposition", "inline; filename=\"" + itemId + "-crop.png\"")
                    .header("Cache-Control", "public, max-age=300")
                    .build();
        }
    }

    @Path("/collections/{collectionId}/items/{itemId}/crop.h5")
    @RunOnVirtualThread
    public static class Hdf5 {
        private final CropService crops;

        public Hdf5(CropService crops) {
            this.crops = crops;
        }

        @GET
        public Response get(@PathParam("collectionId") String collectionId, @PathParam("itemId") String itemId,
                            @QueryParam("bands") String bands, @QueryParam("rescale") List<String> rescale,
                            @QueryParam("window") String window, @QueryParam("bbox") String bbox,
                            @QueryParam("bbox-crs") String bboxCrs, @QueryParam("width") String width,
                            @QueryParam("height") String height) throws IOException {
            Crop crop = crops.crop(collectionId, itemId, parameters(bands, rescale, window, bbox, bboxCrs, width, height), false);
            java.nio.file.Path file = Files.createTempFile("patchserve-crop-", ".h5");
            try {
                BandGroup group = new BandGroup("data", crop.bands().getFirst().dataType(), crop.width(), crop.height(),
                        crop.grid() == null ? null : Math.abs(crop.grid().transform()[1]),
                        crop.bands().stream().map(io.patchserve.raster.Band::name).toList());
                io.patchserve.raster.GridGeometry grid = crop.grid() != null ? crop.grid()
                        : new io.patchserve.raster.GridGeometry(crop.width(), crop.height(), new double[]{0, 1, 0, 0, 0, 1});
                ItemFiles.write(file, crop.projection(), List.of(new GroupRaster(group, grid, crop.bands(), crop.arrays())),
                        CropService.labels(crop, collectionId));
            } catch (RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
            long length = Files.size(file);
            StreamingOutput body = out -> {
                try (OutputStream o = out) {
                    Files.copy(file, o);
                } finally {
                    Files.deleteIfExists(file);
                }
            };
            return Response.ok(body, "application/x-hdf5")
                    .header(HttpHeaders.CONTENT_LENGTH, length)
                    .header("Content-Disposition", "attachment; filename=\"" + itemId + "-crop.h5\"")
                    .build();
        }
    }

}
