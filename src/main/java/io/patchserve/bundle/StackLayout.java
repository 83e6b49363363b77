package io.patchserve.bundle;

import io.patchserve.error.ApiException;
import io.patchserve.raster.Band;
import io.patchserve.raster.BandGroup;
import io.patchserve.raster.BandStack;
import io.patchserve.raster.DataType;
import io.patchserve.raster.RasterModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The (N, C, H, W) datasets of a stacked export, decided from the collection's raster model and the options before
 * any pixel is read: one per band group on its own grid, or one ({@code data}) with every chosen band on a common
 * grid. A group with a time axis is (N, T, C, H, W) on its own grid, T the most steps an item lists.
 */
final class StackLayout {

    static final String COMMON = "data";

    private StackLayout() {
    }

    /**
     * The datasets; {@code sizeOf} gives a group's grid size from the first item where the collection declares none
     * (SMCEFR's images vary: every item must then match the first, or the export stops).
     */
    static List<BandStack> of(RasterModel model, StackOptions options, Function<BandGroup, int[]> sizeOf,
                              ToIntFunction<BandGroup> stepsOf) {
        List<Band> chosen = chosenBands(model, options.bands());
        List<String> overTime = model.groups().stream().filter(BandGroup::timed)
                .filter(g -> chosen.stream().anyMatch(b -> g.bands().contains(b.name()))).map(BandGroup::name).toList();
        if (!overTime.isEmpty() && options.commonGrid()) {
            throw ApiException.badRequest("bands with a time axis (groups " + overTime + ") are stacked on their own grids: "
                    + "leave out grid= and resolution=, or ask for bands without a time axis");
        }
        if (options.commonGrid()) {
            BandGroup target = targetGroup(model, options);
            int[] size = size(target, sizeOf);
            DataType type = DataType.common(chosen.stream().map(Band::dataType).toList());
            return List.of(new BandStack(COMMON, chosen, type, size[0], size[1], true));
        }
        List<BandStack> out = new ArrayList<>();
        for (BandGroup group : model.groups()) {
            List<Band> inGroup = options.bands().isEmpty()
                    ? group.bands().stream().map(model::band).toList()
                    : chosen.stream().filter(b -> group.bands().contains(b.name())).toList();
            if (!inGroup.isEmpty()) {
                int[] size = size(group, sizeOf);
                out.add(new BandStack(group.name(), inGroup, group.dataType(), size[0], size[1], false,
                        group.timed() ? steps(group, stepsOf) : 0));
            }
        }
        // bands asked for by name stack in one dataset, unless a time series is among them: it comes with its masks
        // and static layers, each on its own grid (a super-resolution pair: SPOT image and Sentinel-2 revisits)
        if (!options.bands().isEmpty() && out.size() > 1 && out.stream().noneMatch(BandStack::timed)) {
            throw ApiException.badRequest("bands " + String.join(",", options.bands()) + " lie on different grids ("
                    + String.join(", ", out.stream().map(BandStack::name).toList()) + "): add grid=finest (or grid=<group>, "
                    + "or resolution=<metres>) to stack them on one grid, or ask for bands of one group");
        }
        return out;
    }

    private static List<Band> chosenBands(RasterModel model, List<String> names) {
        if (names.isEmpty()) {
            return model.bands();
        }
        List<Band> out = new ArrayList<>();
        for (String name : names) {
            if (!model.bandNames().contains(name)) {
                throw ApiException.badRequest("bands: '" + name + "' is not a band of this collection; its bands are "
                        + String.join(",", model.bandNames()));
            }
            out.add(model.band(name));
        }
        return out;
    }

    private static BandGroup targetGroup(RasterModel model, StackOptions options) {
        List<BandGroup> groups = model.groups();
        if (options.resolution() != null) {
            return groups.stream().filter(g -> g.gsd() != null && Math.abs(g.gsd() - options.resolution()) < 1e-9)
                    .findFirst().orElseThrow(() -> ApiException.badRequest("resolution=" + options.resolution()
                            + " is not a grid of this collection; its grids are " + grids(groups)));
        }
        if (options.grid().equals(StackOptions.FINEST)) {
            return groups.stream().max(Comparator.comparingDouble(StackLayout::pixels)).orElseThrow();
        }
        return groups.stream().filter(g -> g.name().equals(options.grid())).findFirst()
                .orElseThrow(() -> ApiException.badRequest("grid=" + options.grid() + " is not a grid of this collection; "
                        + "give grid=finest or one of " + grids(groups)));
    }

    private static double pixels(BandGroup g) {
        if (g.width() != null && g.height() != null) {
            return (double) g.width() * g.height();
        }
        return g.gsd() != null ? 1 / (g.gsd() * g.gsd()) : 0;
    }

    private static String grids(List<BandGroup> groups) {
        return String.join(", ", groups.stream().map(g -> g.name() + (g.gsd() == null ? "" : " (resolution=" + fmt(g.gsd()) + ")")).toList());
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static int steps(BandGroup group, ToIntFunction<BandGroup> stepsOf) {
        int steps = stepsOf.applyAsInt(group);
        if (steps <= 0) {
            throw ApiException.badRequest("the items list no steps of " + group.name() + " (patchserve:steps), so its time axis "
                    + "cannot be laid out; download bundle.tar, which holds each item's data whole");
        }
        return steps;
    }

    private static int[] size(BandGroup group, Function<BandGroup, int[]> sizeOf) {
        return group.width() != null && group.height() != null ? new int[]{group.width(), group.height()} : sizeOf.apply(group);
    }
}
