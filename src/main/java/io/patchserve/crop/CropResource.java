package io.patchserve.crop;

import io.patchserve.stac.MediaTypes;

import io.patchserve.http.ConditionalRequest;
import io.patchserve.http.ContentDisposition;
import io.patchserve.http.RangedResponses;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;

/** {@code crop.png}, {@code crop.tif} and {@code crop.h5} of an item: a window of its bands, rendered or as raw values. */
@Path("/collections/{collectionId}/items/{itemId}")
@RunOnVirtualThread
public class CropResource {

    private final CropService crops;

    public CropResource(CropService crops) {
        this.crops = crops;
    }

    @GET
    @Path("crop.png")
    public Response png(@PathParam("collectionId") String collectionId, @PathParam("itemId") String itemId,
                        @BeanParam CropQuery query) {
        Crop crop = crops.crop(collectionId, itemId, CropParameters.parse(query), CropOutput.PNG);
        StreamingOutput body = out -> crops.writePng(crop, out);
        return Response.ok(body, MediaTypes.PNG)
                .header("Content-Disposition", ContentDisposition.inline(itemId + "-crop.png"))
                .header("Cache-Control", "public, max-age=300")
                .build();
    }

    @GET
    @Path("crop.tif")
    public Response geotiff(@PathParam("collectionId") String collectionId, @PathParam("itemId") String itemId,
                            @BeanParam CropQuery query, @BeanParam ConditionalRequest conditions) throws IOException {
        Crop crop = crops.crop(collectionId, itemId, CropParameters.parse(query), CropOutput.GEOTIFF);
        return RangedResponses.of(crops.geotiff(crop), conditions, true);
    }

    @GET
    @Path("crop.npy")
    public Response npy(@PathParam("collectionId") String collectionId, @PathParam("itemId") String itemId,
                        @BeanParam CropQuery query, @BeanParam ConditionalRequest conditions) throws IOException {
        Crop crop = crops.crop(collectionId, itemId, CropParameters.parse(query), CropOutput.NPY);
        return RangedResponses.of(crops.npy(crop), conditions, true);
    }

    @GET
    @Path("crop.h5")
    public Response hdf5(@PathParam("collectionId") String collectionId, @PathParam("itemId") String itemId,
                         @BeanParam CropQuery query, @BeanParam ConditionalRequest conditions) throws IOException {
        Crop crop = crops.crop(collectionId, itemId, CropParameters.parse(query), CropOutput.HDF5);
        return RangedResponses.of(crops.hdf5(crop, collectionId), conditions, true);
    }
}
