package io.patchserve.stats;

import io.patchserve.raster.Band;
import io.patchserve.raster.BandArray;
import io.patchserve.raster.GroupRaster;

import java.util.ArrayList;
import java.util.List;

/**
 * One band of one item as the statistics count it: its array at each step (one for a band without time) and, when
 * its group names a mask band on the same grid and steps, the mask at each step (non-zero: left out); else null.
 */
public record BandSeries(Band band, List<BandArray> steps, List<BandArray> masks) {

    public BandSeries {
        if (masks != null && masks.size() != steps.size()) {
            throw new IllegalArgumentException(band.name() + ": " + masks.size() + " masks for " + steps.size() + " steps");
        }
    }

    /** Every band of {@code groups}, each with its group's mask when another of {@code groups} holds it and lines up. */
    public static List<BandSeries> of(List<GroupRaster> groups) {
        List<BandSeries> out = new ArrayList<>();
        for (GroupRaster g : groups) {
            List<BandArray> masks = masks(g, groups);
            for (int b = 0; b < g.bands().size(); b++) {
                List<BandArray> steps = new ArrayList<>(g.steps());
                for (int t = 0; t < g.steps(); t++) {
                    steps.add(g.array(t, b));
                }
                out.add(new BandSeries(g.bands().get(b), steps, masks));
            }
        }
        return out;
    }

    private static List<BandArray> masks(GroupRaster g, List<GroupRaster> groups) {
        String mask = g.group().mask();
        if (mask == null) {
            return null;
        }
        for (GroupRaster other : groups) {
            int index = other.group().bands().indexOf(mask);
            if (index >= 0 && other.steps() == g.steps() && other.grid().width() == g.grid().width()
                    && other.grid().height() == g.grid().height()) {
                List<BandArray> out = new ArrayList<>(g.steps());
                for (int t = 0; t < g.steps(); t++) {
                    out.add(other.array(t, index));
                }
                return out;
            }
        }
        return null;
    }
}
