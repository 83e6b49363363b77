package io.patchserve.web;

import io.patchserve.catalog.CollectionEntity;
import io.patchserve.catalog.ItemCounts;
import io.patchserve.raster.Band;
import io.patchserve.raster.RasterModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a collection's page shows, from the catalog's precomputed aggregates only (item counts per split and class
 * are kept by triggers; statistics by ingest), so a collection of any size renders at once.
 *
 * @param nomenclatures per label property, its classes' bars
 * @param statistics    per band, the whole collection's values (mean, std, min, max, p2, p98; null where unknown)
 * @param statisticsBySplit the same per split
 * @param overTime    items per month (per year when the span is longer than {@value #MAX_MONTHS} months), empty
 *                    periods included
 * @param timeUnit    "month" or "year"
 * @param bibtex      the BibTeX to cite the dataset with: the publisher's (its card's), else one for the dataset as served here
 * @param card        what the dataset's card adds: Markdown description, class and split definitions, band notes
 */
public record CollectionPage(String base, String id, String title, String description, String license, String size, List<String> keywords,
                             List<Provider> providers, String citation, String doi, long items, String start, String end,
                             double[] bbox, List<Bar> splits, Map<String, List<Bar>> nomenclatures, List<BandRow> bands,
                             List<StatRow> statistics, Map<String, List<StatRow>> statisticsBySplit, List<String> splitNames,
                             String firstLabelProperty, List<Bar> overTime, String timeUnit, String bibtex, CardView card) {

    /** A provider as STAC lists it. */
    public record Provider(String name, String roles, String url) {
    }

    /** One bar of a chart: its label, count, and width as a percentage of the largest. */
    public record Bar(String label, long count, double percent) {

        /** As a column: its height in percent, at least 1 when it counts anything, so a small count still shows. */
        public double height() {
            return count > 0 ? Math.max(percent, 1) : 0;
        }

        public double top() {
            return 100 - height();
        }
    }

    /** One band of the bands table. */
    public record BandRow(String name, String commonName, String wavelength, String gsd, String group, String dataType,
                          String nodata, String scale, String time) {
    }

    /**
     * One band's statistics over the whole collection.
     *
     * @param histogram its buckets' heights as percentages of the fullest, empty when there is no histogram
     * @param histogramRange the histogram's span, for its label
     */
    public record StatRow(String band, String items, String count, String mean, String std, String min, String max,
                          String p2, String p98, double lowPercent, double highPercent, List<Bar> histogram,
                          String histogramRange) {

        public String histogramLabel() {
            return "Histogram of " + band + ", " + histogramRange;
        }

        /** The 2nd..98th percentile bar's width, as a percentage of the min..max range. */
        public double widthPercent() {
            return highPercent - lowPercent;
        }
    }

    static List<Bar> bars(Map<String, Long> counts) {
        long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(1);
        List<Bar> out = new ArrayList<>();
        counts.forEach((label, n) -> out.add(new Bar(label, n, max == 0 ? 0 : 100.0 * n / max)));
        return out;
    }

    static List<BandRow> bands(RasterModel model) {
        if (model == null) {
            return List.of();
        }
        List<BandRow> out = new ArrayList<>();
        for (Band b : model.bands()) {
            boolean timed = model.groups().stream().anyMatch(g -> g.name().equals(b.group()) && g.timed());
            out.add(new BandRow(b.name(), text(b.commonName()), b.centerWavelength() == null ? "" : b.centerWavelength() + " µm",
                    b.gsd() == null ? "" : number(b.gsd()) + " m", b.group(), b.dataType().id(),
                    b.nodata() == null ? "" : number(b.nodata()), b.scale() == null ? "" : number(b.scale()), timed ? "yes" : ""));
        }
        return out;
    }

    /** The whole collection's statistics per band, with where p2..p98 lie between min and max for the range plot. */
    static List<StatRow> statistics(Map<String, Object> document) {
        return rows(document.getOrDefault("bands", Map.of()));
    }

    /** Per split, its statistics rows, from the document's {@code splits}. */
    @SuppressWarnings("unchecked")
    static Map<String, List<StatRow>> statisticsBySplit(Map<String, Object> document) {
        Map<String, List<StatRow>> out = new java.util.LinkedHashMap<>();
        ((Map<String, Object>) document.getOrDefault("splits", Map.of())).forEach((split, bands) -> out.put(split, rows(bands)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<StatRow> rows(Object bands) {
        List<StatRow> out = new ArrayList<>();
        ((Map<String, Object>) bands).forEach((band, value) -> {
            Map<String, Object> v = (Map<String, Object>) value;
            double min = num(v.get("min")), max = num(v.get("max"));
            double p2 = v.containsKey("p2") ? num(v.get("p2")) : min, p98 = v.containsKey("p98") ? num(v.get("p98")) : max;
            double span = max - min;
            Map<String, Object> h = (Map<String, Object>) v.getOrDefault("histogram", Map.of());
            out.add(new StatRow(band, text(v.get("items")), text(v.get("count")), number(v.get("mean")), number(v.get("std")),
                    number(v.get("min")), number(v.get("max")), number(v.get("p2")), number(v.get("p98")),
                    span > 0 ? 100 * (p2 - min) / span : 0, span > 0 ? 100 * (p98 - min) / span : 100,
                    histogramBars(h), h.isEmpty() ? "" : number(h.get("min")) + " to " + number(h.get("max"))));
        });
        return out;
    }

    /** A histogram's buckets as bars labelled with their lower edge. */
    private static List<Bar> histogramBars(Map<String, Object> histogram) {
        if (histogram.isEmpty()) {
            return List.of();
        }
        double min = num(histogram.get("min")), max = num(histogram.get("max"));
        long[] buckets = (long[]) histogram.get("buckets");
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (int i = 0; i < buckets.length; i++) {
            counts.put(number(min + i * (max - min) / buckets.length), buckets[i]);
        }
        return bars(counts);
    }

    /** Spans longer than this many months are charted per year. */
    static final int MAX_MONTHS = 120;

    /** Items per month, or per year over long spans, with the empty periods between the first and last. */
    static List<Bar> overTime(Map<String, Long> months) {
        if (months.isEmpty()) {
            return List.of();
        }
        java.util.TreeMap<String, Long> sorted = new java.util.TreeMap<>(months);
        java.time.YearMonth first = java.time.YearMonth.parse(sorted.firstKey());
        java.time.YearMonth last = java.time.YearMonth.parse(sorted.lastKey());
        boolean yearly = first.until(last, java.time.temporal.ChronoUnit.MONTHS) >= MAX_MONTHS;
        Map<String, Long> periods = new java.util.LinkedHashMap<>();
        for (java.time.YearMonth m = yearly ? first.withMonth(1) : first; !m.isAfter(last); m = m.plusMonths(yearly ? 12 : 1)) {
            periods.put(yearly ? Integer.toString(m.getYear()) : m.toString(), 0L);
        }
        months.forEach((month, n) -> periods.merge(yearly ? month.substring(0, 4) : month, n, Long::sum));
        return bars(periods);
    }

    static CollectionPage of(String base, String url, CollectionEntity c, ItemCounts.Vocabulary counts, RasterModel model,
                             Map<String, Object> statistics, List<Provider> providers, String citation, String doi) {
        Map<String, List<Bar>> nomenclatures = new java.util.LinkedHashMap<>();
        counts.classes().forEach((property, byClass) -> {
            Map<String, Long> all = new java.util.LinkedHashMap<>();
            byClass.forEach((cls, bySplit) -> all.put(cls, bySplit.getOrDefault(ItemCounts.ALL, 0L)));
            nomenclatures.put(property, bars(all));
        });
        List<Bar> overTime = overTime(counts.months());
        CardView card = CardView.of(c.description, c.extra);
        double[] bbox = c.extentWest == null ? null : new double[]{c.extentWest, c.extentSouth, c.extentEast, c.extentNorth};
        return new CollectionPage(base, c.id, c.title == null ? c.id : c.title, text(c.description), text(c.license),
                ItemPage.size(counts.bytes()), c.keywords,
                providers, citation, doi, counts.items(), c.extentStart == null ? "" : c.extentStart.toString(),
                c.extentEnd == null ? "" : c.extentEnd.toString(), bbox, bars(counts.splits()), nomenclatures, bands(model),
                statistics(statistics), statisticsBySplit(statistics), List.copyOf(counts.splits().keySet()),
                nomenclatures.isEmpty() ? null : nomenclatures.keySet().iterator().next(), overTime,
                !overTime.isEmpty() && overTime.get(0).label().length() == 4 ? "year" : "month",
                card.bibtex() != null ? card.bibtex() : BibTex.entry(c.id, c.title == null ? c.id : c.title, providers, c.updated, url, doi, c.license),
                card);
    }

    public String overTimeLabel() {
        return "Items per " + timeUnit + " from " + overTime.get(0).label() + " to " + overTimeLast();
    }

    /** Columns the chart has room for: a few periods stay narrow columns rather than filling its width. */
    public int overTimeSlots() {
        return Math.max(12, overTime.size());
    }

    public String overTimeLast() {
        return overTime.get(overTime.size() - 1).label();
    }

    /** The bbox as a JavaScript array literal, or null. */
    public String bboxJson() {
        return bbox == null ? "null" : "[" + bbox[0] + "," + bbox[1] + "," + bbox[2] + "," + bbox[3] + "]";
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    static String number(Object o) {
        if (!(o instanceof Number n)) {
            return o == null ? "" : o.toString();
        }
        double d = n.doubleValue();
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String four = String.format(java.util.Locale.ROOT, "%.4g", d);
        // 569.0000001 shows as 569, not 569.0
        return four.contains(".") && !four.contains("e") ? four.replaceAll("\\.?0+$", "") : four;
    }
}
