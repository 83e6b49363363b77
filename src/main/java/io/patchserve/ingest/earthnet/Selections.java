package io.patchserve.ingest.earthnet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The context/target convention of each generation, as named step selections an item carries
 * ({@code patchserve:selections} = {name: {group: [step, ...]}}) instead of a split baked into the stored
 * cube: a client asks for {@code step=context} and gets the frames the generation's own loader would take.
 */
final class Selections {

    private Selections() {
    }

    /**
     * EarthNet2021x (earthnet-models-pytorch's en21x loader): Sentinel-2 frames are every fifth day from the
     * fifth ({@code time[4::5]}), the first 10 context and the next 20 target; daily series cover the same days
     * (context: the days up to the last context frame, target: the rest).
     */
    static Map<String, Map<String, List<Integer>>> en21x(int days, List<String> frameGroups, List<String> dailyGroups) {
        List<Integer> frames = IntStream.iterate(4, t -> t < days, t -> t + 5).boxed().toList();
        int contextFrames = Math.min(10, frames.size());
        int contextDays = contextFrames == 0 ? 0 : frames.get(contextFrames - 1) + 1;
        return build(frameGroups, frames.subList(0, contextFrames), frames.subList(contextFrames, Math.min(30, frames.size())),
                dailyGroups, range(0, contextDays), range(contextDays, days));
    }

    /** EarthNet2021: 10 context frames and the rest target; its daily weather 5 days per frame alike. */
    static Map<String, Map<String, List<Integer>>> en21(int frames, List<String> frameGroups, int days,
                                                       List<String> dailyGroups) {
        int context = Math.min(10, frames);
        return build(frameGroups, range(0, context), range(context, frames), dailyGroups, range(0, Math.min(days, 5 * context)),
                range(Math.min(days, 5 * context), days));
    }

    private static Map<String, Map<String, List<Integer>>> build(List<String> frameGroups, List<Integer> contextFrames,
                                                                List<Integer> targetFrames, List<String> dailyGroups,
                                                                List<Integer> contextDays, List<Integer> targetDays) {
        Map<String, Map<String, List<Integer>>> out = new LinkedHashMap<>();
        out.put("context", new LinkedHashMap<>());
        out.put("target", new LinkedHashMap<>());
        for (String g : frameGroups) {
            out.get("context").put(g, contextFrames);
            out.get("target").put(g, targetFrames);
        }
        for (String g : dailyGroups) {
            out.get("context").put(g, contextDays);
            out.get("target").put(g, targetDays);
        }
        return out;
    }

    private static List<Integer> range(int from, int to) {
        return new ArrayList<>(IntStream.range(from, Math.max(from, to)).boxed().toList());
    }
}
