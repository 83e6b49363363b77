package io.patchserve.stats;

import io.patchserve.raster.GroupRaster;

import java.util.List;

/** An item's decoded bands and its split (null when the release has none), for the collection's statistics. */
public record ItemPixels(String split, List<GroupRaster> groups) {
}
