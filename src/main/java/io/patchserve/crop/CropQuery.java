package io.patchserve.crop;

import jakarta.ws.rs.QueryParam;

import java.util.List;

/**
 * The query parameters of crop.png and crop.h5 as sent (titiler's grammar where it fits), one
 * {@code @BeanParam} for both routes; {@link CropParameters#parse} checks their form.
 */
public record CropQuery(@QueryParam("bands") String bands, @QueryParam("rescale") List<String> rescale,
                        @QueryParam("window") String window, @QueryParam("bbox") String bbox,
                        @QueryParam("bbox-crs") String bboxCrs, @QueryParam("width") String width,
                        @QueryParam("height") String height, @QueryParam("datetime") String datetime,
                        @QueryParam("step") String step, @QueryParam("grid") String grid) {
}
