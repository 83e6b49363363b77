import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many concurrent clients with a mixed workload for a fixed time (issue #16): searches, item pages, asset ranges,
 * crops, small bundles, bundles the client hangs up on after 256 KiB (the service is then left with S3 responses
 * it has not read to their end), and one client that downloads a large bundle over and over. Every answer is read to the
 * end; an error is any status >= 500, a connection failure, or a body shorter than its Content-Length. Prints
 * requests, errors, p50/p99 per kind, and the service's heap and RSS before and after.
 * usage: java bench/LoadBench.java BASE_URL CLIENTS SECONDS SERVICE_PID BEN_COLLECTION SMCEFR_COLLECTION
 */
public class LoadBench {

    record Kind(String name, int weight) {
    }

    static final List<Kind> MIX = List.of(new Kind("search", 30), new Kind("items", 20), new Kind("asset-range", 20),
            new Kind("crop", 20), new Kind("small-bundle", 10), new Kind("cut-bundle", 5));

    /** How much of a bundle a "cut-bundle" client reads before it hangs up, leaving the service's S3 reads unfinished. */
    static final int CUT_AFTER = 256 * 1024;

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int clients = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        long pid = Long.parseLong(args[3]);
        String ben = args[4], smcefr = args[5];
        // HTTP/1.1, one connection per client, as curl and browsers use it (the JDK would multiplex all on one h2c connection)
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<String> benIds = ids(http, base, ben), smcefrIds = ids(http, base, smcefr);

        String before = memory(http, base, pid);
        Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
        Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        List<String> firstErrors = new CopyOnWriteArrayList<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong largeBytes = new AtomicLong();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            threads.submit(() -> {
                while (System.nanoTime() < end) {
                    run(http, "large-bundle", base + "/collections/" + smcefr + "/bundle.tar", null, latencies, errors,
                            firstErrors, largeBytes);
                }
                return null;
            });
            for (int c = 0; c < clients; c++) {
                Random random = new Random(c);
                threads.submit(() -> {
                    while (System.nanoTime() < end) {
                        Kind kind = pick(random);
                        String ben1 = benIds.get(random.nextInt(benIds.size()));
                        String sm1 = smcefrIds.get(random.nextInt(smcefrIds.size()));
                        String url;
                        String range = null;
                        switch (kind.name()) {
                            case "search" -> {
                                double w = -10 + random.nextDouble() * 40, s = 35 + random.nextDouble() * 25;
                                url = base + "/search?limit=50&bbox=" + w + "," + s + "," + (w + 5) + "," + (s + 5);
                            }
                            case "items" -> url = base + "/collections/" + ben + "/items?limit=100";
                            case "asset-range" -> {
                                url = base + "/collections/" + smcefr + "/items/" + sm1 + "/assets/image";
                                long from = random.nextInt(100_000);
                                range = "bytes=" + from + "-" + (from + random.nextInt(200_000));
                            }
                            case "crop" -> url = base + "/collections/" + ben + "/items/" + ben1 + "/crop.png?width=256";
                            case "cut-bundle" -> url = base + "/collections/" + smcefr + "/bundle.tar.gz?ids=" + sample(smcefrIds, random, 10);
                            default -> url = base + "/collections/" + ben + "/bundle.tar.gz?ids=" + sample(benIds, random, 5);
                        }
                        run(http, kind.name(), url, range, latencies, errors, firstErrors, null);
                    }
                    return null;
                });
            }
        }
        String after = memory(http, base, pid);

        long total = latencies.values().stream().mapToLong(List::size).sum();
        long failed = errors.values().stream().mapToLong(AtomicLong::get).sum();
        System.out.printf("%d clients + 1 large-bundle client for %d s: %d requests, %d errors, %.0f requests/s%n%n",
                clients, seconds, total, failed, total / (double) seconds);
        System.out.println("| kind | requests | errors | p50 ms | p99 ms |");
        System.out.println("|---|---|---|---|---|");
        for (String kind : new TreeMap<>(latencies).keySet()) {
            List<Long> l = new ArrayList<>(latencies.get(kind));
            Collections.sort(l);
            System.out.printf("| %s | %d | %d | %.1f | %.1f |%n", kind, l.size(), errors.getOrDefault(kind, new AtomicLong()).get(),
                    l.get(l.size() / 2) / 1e6, l.get(Math.min(l.size() - 1, (int) (l.size() * 0.99))) / 1e6);
        }
        System.out.printf("%nlarge bundle: %.0f MB read in all%n", largeBytes.get() / 1e6);
        System.out.println("service memory before: " + before);
        System.out.println("service memory after:  " + after);
        firstErrors.stream().limit(10).forEach(e -> System.out.println("error: " + e));
    }

    static String sample(List<String> ids, Random random, int n) {
        List<String> copy = new ArrayList<>(ids);
        Collections.shuffle(copy, random);
        return String.join(",", copy.subList(0, Math.min(n, copy.size())));
    }

    static Kind pick(Random random) {
        int n = random.nextInt(MIX.stream().mapToInt(Kind::weight).sum());
        for (Kind k : MIX) {
            if ((n -= k.weight()) < 0) {
                return k;
            }
        }
        return MIX.getLast();
    }

    static void run(HttpClient http, String kind, String url, String range, Map<String, List<Long>> latencies,
                    Map<String, AtomicLong> errors, List<String> firstErrors, AtomicLong bytes) {
        long t0 = System.nanoTime();
        String problem = null;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120));
            if (range != null) {
                request.header("Range", range);
            }
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            long read = 0;
            long stopAt = kind.equals("cut-bundle") ? CUT_AFTER : Long.MAX_VALUE;
            try (InputStream in = response.body()) {
                byte[] buffer = new byte[1 << 16];
                for (int n = in.read(buffer); n >= 0 && read < stopAt; n = in.read(buffer)) {
                    read += n;
                }
            }
            // a cut bundle is cut on purpose: only its status counts
            long expected = read >= stopAt ? read : response.headers().firstValueAsLong("Content-Length").orElse(read);
            if (response.statusCode() >= 500) {
                problem = response.statusCode() + " " + url;
            } else if (read != expected) {
                problem = "short body " + read + " of " + expected + " " + url;
            }
            if (bytes != null) {
                bytes.addAndGet(read);
            }
        } catch (Exception e) {
            problem = e + " " + url;
        }
        latencies.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>())).add(System.nanoTime() - t0);
        if (problem != null) {
            errors.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
            if (firstErrors.size() < 10) {
                firstErrors.add(kind + ": " + problem);
            }
        }
    }

    static List<String> ids(HttpClient http, String base, String collection) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(base + "/collections/" + collection + "/items?limit=200"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\",\"collection\"").matcher(body);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    static String memory(HttpClient http, String base, long pid) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double heap = 0;
        Matcher m = Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.eE+]+)").matcher(metrics);
        while (m.find()) {
            heap += Double.parseDouble(m.group(1));
        }
        String rss = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS"))
                .findFirst().orElse("VmRSS: ?").replaceAll("\\s+", " ");
        return String.format("heap used %.0f MB, %s", heap / 1e6, rss);
    }
}
