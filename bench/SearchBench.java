import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Search benchmark over HTTP: the fixed mix of issue #3 (bbox; bbox + datetime; collection + filter on labels
 * and split; intersects with a 100-vertex polygon; page 50 of a long result), each alone with one client
 * (latency), then mixed with N concurrent clients (throughput). Run with the JDK's single-file launcher:
 *
 *   java bench/SearchBench.java http://localhost:8090 8 30 bench-a
 *
 * Arguments: base URL, concurrent clients, seconds of the mixed phase, a collection for the filter/paging queries.
 * Every request must answer 200, or the run fails; the mean number of features returned is reported.
 */
public class SearchBench {

    static final double[][] LAND = {{-10, 36, 40, 70}, {-17, -34, 50, 35}, {60, 10, 140, 55}, {-125, 25, -65, 60},
            {-80, -55, -35, 10}, {113, -39, 153, -12}};
    static final String[] LABELS = {"Arable land", "Pastures", "Coniferous forest", "Mixed forest", "Inland waters", "Urban fabric"};
    static final Pattern NEXT = Pattern.compile("\"rel\":\"next\",\"href\":\"([^\"]+)\"");

    record Query(String name, HttpRequest request) {
    }

    public static void main(String[] args) throws Exception {
        // --write-requests-only: write the request list for wrk (SEARCH_BENCH_REQUESTS) and stop
        boolean requestsOnly = args.length > 0 && args[0].equals("--write-requests-only");
        if (requestsOnly) {
            args = Arrays.copyOfRange(args, 1, args.length);
        }
        String base = args.length > 0 ? args[0] : "http://localhost:8090";
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        String collection = args.length > 3 ? args[3] : "bench-a";
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

        String page50 = page50(http, base, collection);
        Map<String, Function<SplittableRandom, HttpRequest>> mix = new TreeMap<>();
        mix.put("1 bbox", r -> get(base + "/search?limit=100&bbox=" + box(r, 2.0)));
        mix.put("2 bbox+datetime", r -> {
            int year = 2019 + r.nextInt(5);
            int month = 1 + r.nextInt(6);
            return get(base + "/search?limit=100&bbox=" + box(r, 4.0) + "&datetime="
                    + enc(String.format("%d-%02d-01T00:00:00Z/%d-%02d-01T00:00:00Z", year, month, year, month + 6)));
        });
        mix.put("3 collection+filter", r -> get(base + "/collections/" + collection + "/items?limit=100&filter="
                + enc("A_OVERLAPS(labels, ('" + LABELS[r.nextInt(LABELS.length)] + "')) AND split = '"
                + (r.nextInt(10) < 6 ? "train" : "val") + "'")));
        mix.put("4 intersects 100-gon", r -> post(base + "/search", "{\"limit\":100,\"intersects\":" + polygon(r, 100, 2.5) + "}"));
        mix.put("5 page 50", r -> get(page50));

        if (System.getenv("SEARCH_BENCH_REQUESTS") != null) {
            // For wrk (bench/mix.lua): the same mix as request lines, so that a light C client drives the load.
            List<Function<SplittableRandom, HttpRequest>> all = new ArrayList<>(mix.values());
            SplittableRandom random = new SplittableRandom(11);
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < 5000; i++) {
                HttpRequest r = all.get(i % all.size()).apply(random);
                String path = r.uri().getRawPath() + (r.uri().getRawQuery() == null ? "" : "?" + r.uri().getRawQuery());
                String body = r.method().equals("POST") ? BODIES.get(r) : "";
                lines.append(r.method()).append('\t').append(path).append('\t').append(body).append('\n');
            }
            java.nio.file.Files.writeString(java.nio.file.Path.of(System.getenv("SEARCH_BENCH_REQUESTS")), lines);
        }

        if (requestsOnly) {
            return;
        }

        System.out.printf(Locale.ROOT, "## Latency, one client, 300 requests per query (after 50 warm-up)%n%n");
        System.out.printf(Locale.ROOT, "| query | p50 ms | p90 ms | p99 ms | max ms | mean features |%n|---|---|---|---|---|---|%n");
        for (var entry : mix.entrySet()) {
            SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < 50; i++) {
                send(http, entry.getValue().apply(random));
            }
            long[] nanos = new long[300];
            long features = 0;
            for (int i = 0; i < nanos.length; i++) {
                HttpRequest request = entry.getValue().apply(random);
                long t0 = System.nanoTime();
                features += send(http, request);
                nanos[i] = System.nanoTime() - t0;
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.0f |%n", entry.getKey(), ms(nanos, 0.5),
                    ms(nanos, 0.9), ms(nanos, 0.99), nanos[nanos.length - 1] / 1e6, features / (double) nanos.length);
        }

        System.out.printf(Locale.ROOT, "%n## Throughput, %d concurrent clients, the five queries in turn, %d s%n%n", clients, seconds);
        List<Function<SplittableRandom, HttpRequest>> queries = new ArrayList<>(mix.values());
        ConcurrentHashMap<Integer, long[]> latencies = new ConcurrentHashMap<>();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch finished = new CountDownLatch(clients);
        List<long[]> perClient = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[] samples = new long[2_000_000];
            perClient.add(samples);
            int client = c;
            Thread.ofPlatform().start(() -> {
                SplittableRandom random = new SplittableRandom(100 + client);
                int n = 0;
                try {
                    while (System.nanoTime() < end) {
                        HttpRequest request = queries.get((n + client) % queries.size()).apply(random);
                        long t0 = System.nanoTime();
                        try {
                            send(http, request);
                            samples[n++] = System.nanoTime() - t0;
                            done.incrementAndGet();
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                } finally {
                    latencies.put(client, Arrays.copyOf(samples, n));
                    finished.countDown();
                }
            });
        }
        finished.await();
        long[] all = latencies.values().stream().flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(Locale.ROOT, "| clients | requests | failed | searches/s | p50 ms | p99 ms |%n|---|---|---|---|---|---|%n");
        System.out.printf(Locale.ROOT, "| %d | %d | %d | %.0f | %.1f | %.1f |%n", clients, done.get(), failed.get(),
                done.get() / (double) seconds, ms(all, 0.5), ms(all, 0.99));
        if (failed.get() > 0) {
            System.exit(1);
        }
    }

    /** Walks 49 next links of a long result once, to time the fetch of page 50 itself. */
    static String page50(HttpClient http, String base, String collection) throws Exception {
        String url = base + "/collections/" + collection + "/items?limit=100";
        for (int page = 1; page < 50; page++) {
            String body = http.send(get(url), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = NEXT.matcher(body);
            if (!m.find()) {
                throw new IllegalStateException("result ends before page 50");
            }
            url = m.group(1);
        }
        return url;
    }

    static int send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " -> " + response.statusCode() + " " + response.body());
        }
        String body = response.body();
        int n = 0;
        for (int i = body.indexOf("\"type\":\"Feature\""); i >= 0; i = body.indexOf("\"type\":\"Feature\"", i + 1)) {
            n++;
        }
        return n;
    }

    static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e6;
    }

    static double[] centre(SplittableRandom r, double margin) {
        double[] land = LAND[r.nextInt(LAND.length)];
        return new double[]{r.nextDouble(land[0] + margin, land[2] - margin), r.nextDouble(land[1] + margin, land[3] - margin)};
    }

    static String box(SplittableRandom r, double size) {
        double[] c = centre(r, size);
        return String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f", c[0] - size / 2, c[1] - size / 2, c[0] + size / 2, c[1] + size / 2);
    }

    static String polygon(SplittableRandom r, int vertices, double radius) {
        double[] c = centre(r, radius);
        StringBuilder ring = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[[");
        for (int i = 0; i <= vertices; i++) {
            double a = 2 * Math.PI * (i % vertices) / vertices;
            double wobble = radius * (0.8 + 0.2 * Math.sin(5 * a));
            ring.append(i > 0 ? "," : "").append(String.format(Locale.ROOT, "[%.5f,%.5f]", c[0] + wobble * Math.cos(a), c[1] + wobble * Math.sin(a)));
        }
        return ring.append("]]}").toString();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build();
    }

    /** POST bodies by request, for writing the request list (HttpRequest does not expose its body). */
    static final Map<HttpRequest, String> BODIES = new ConcurrentHashMap<>();

    static HttpRequest post(String url, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        if (System.getenv("SEARCH_BENCH_REQUESTS") != null) {
            BODIES.put(request, json);
        }
        return request;
    }
}
