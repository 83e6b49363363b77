import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Crop benchmark over HTTP (issue #4): a 256 x 256 RGB crop.png from a 1024 x 1024 uint8 PNG patch (random
 * windows), and a 256 x 256 RGB crop.png upsampled from a 120 x 120 uint16 BigEarthNet-like patch (default
 * rescale from the collection's statistics). Each case alone with one client (latency), then with N clients.
 *
 *   java bench/CropBench.java http://localhost:8091 8 20 smcefr-bench/ITEM ben-bench/ITEM
 *
 * Or, for a harness's interleaved rounds: the p50 and p90 (ms) of each path, one client, N requests after 500 warm-ups,
 * one "P50 P90" line per path:
 *
 *   java bench/CropBench.java --latency http://localhost:8091 300 /conformance /collections/…/crop.png?…
 */
public class CropBench {

    record Case(String name, Function<SplittableRandom, String> path) {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--latency")) {
            latency(args[1], Integer.parseInt(args[2]), Arrays.copyOfRange(args, 3, args.length));
            return;
        }
        String base = args[0];
        int clients = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        String big = args[3], ben = args[4];
        List<Case> cases = List.of(
                new Case("1024x1024 uint8 PNG -> 256x256 RGB crop", r -> "/collections/" + big.replace("/", "/items/")
                        + "/crop.png?window=" + r.nextInt(769) + "," + r.nextInt(769) + ",256,256"),
                new Case("120x120 uint16 BigEarthNet -> 256x256 RGB", r -> "/collections/" + ben.replace("/", "/items/")
                        + "/crop.png?bands=B04,B03,B02&width=256&height=256"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        System.out.println("| case, one client (300 requests after 50 warm-ups) | p50 ms | p90 ms | p99 ms | mean bytes |");
        System.out.println("|---|---|---|---|---|");
        for (Case c : cases) {
            SplittableRandom random = new SplittableRandom(1);
            for (int i = 0; i < 50; i++) {
                fetch(http, base + c.path.apply(random));
            }
            long[] ms = new long[300];
            long bytes = 0;
            for (int i = 0; i < ms.length; i++) {
                long t0 = System.nanoTime();
                bytes += fetch(http, base + c.path.apply(random));
                ms[i] = System.nanoTime() - t0;
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %d |%n", c.name, pct(ms, 50), pct(ms, 90), pct(ms, 99), bytes / ms.length);
        }
        System.out.println();
        System.out.println("| case, " + clients + " concurrent clients, " + seconds + " s | crops/s | p50 ms | p99 ms |");
        System.out.println("|---|---|---|---|");
        for (Case c : cases) {
            AtomicLong done = new AtomicLong();
            List<long[]> perClient = new ArrayList<>();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            CountDownLatch finished = new CountDownLatch(clients);
            for (int k = 0; k < clients; k++) {
                long[] samples = new long[200_000];
                perClient.add(samples);
                int seed = k;
                Thread.ofPlatform().start(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    int n = 0;
                    try {
                        while (System.nanoTime() < end && n < samples.length) {
                            long t0 = System.nanoTime();
                            fetch(http, base + c.path.apply(random));
                            samples[n++] = System.nanoTime() - t0;
                        }
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    } finally {
                        done.addAndGet(n);
                        samples[samples.length - 1] = n;
                        finished.countDown();
                    }
                });
            }
            finished.await();
            long[] all = perClient.stream().flatMapToLong(s -> Arrays.stream(s, 0, (int) s[s.length - 1])).sorted().toArray();
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.1f | %.1f |%n", c.name, done.get() / (double) seconds, pct(all, 50), pct(all, 99));
        }
    }

    static void latency(String base, int n, String[] paths) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String path : paths) {
            // this client is a fresh JVM each round: warm its JIT and connection up before the timed requests
            for (int i = 0; i < 500; i++) {
                fetch(http, base + path);
            }
            long[] ns = new long[n];
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                fetch(http, base + path);
                ns[i] = System.nanoTime() - t0;
            }
            Arrays.sort(ns);
            System.out.printf(Locale.ROOT, "%.3f %.3f%n", pct(ns, 50), pct(ns, 90));
        }
    }

    static long fetch(HttpClient http, String url) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " -> " + r.statusCode() + " " + new String(r.body()));
        }
        return r.body().length;
    }

    static double pct(long[] sortedNanos, double p) {
        int i = (int) Math.min(sortedNanos.length - 1, Math.ceil(p / 100 * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, i)] / 1e6;
    }
}
