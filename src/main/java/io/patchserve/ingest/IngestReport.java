package io.patchserve.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Counts of an ingest run as it goes; thread-safe, and cheap to read for progress lines. */
public class IngestReport {

    /** Skip reasons kept for the summary; the count goes on past this. */
    static final int MAX_SKIPS_LISTED = 1000;

    private final String format;
    private final String collectionId;
    private final long startNanos = System.nanoTime();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong updated = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong withdrawn = new AtomicLong();
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    /** Units the run expects to meet (done or skipped), or -1 while unknown (an archive is read as it comes). */
    private final AtomicLong expected = new AtomicLong(-1);
    private final List<Skipped> skips = Collections.synchronizedList(new ArrayList<>());
    private volatile String failure;

    /** Told of every item as it is counted, e.g. to keep metrics live while a run is going. */
    public interface Listener {
        void counted(String format, String outcome, long n);

        void failed(String format);
    }

    private final Listener listener;

    public IngestReport(String format, String collectionId) {
        this(format, collectionId, null);
    }

    public IngestReport(String format, String collectionId, Listener listener) {
        this.format = format;
        this.collectionId = collectionId;
        this.listener = listener;
    }

    private void tell(String outcome, long n) {
        if (listener != null && n > 0) {
            listener.counted(format, outcome, n);
        }
    }

    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    void count(Outcome outcome) {
        switch (outcome) {
            case CREATED -> created.incrementAndGet();
            case UPDATED -> updated.incrementAndGet();
            case UNCHANGED -> unchanged.incrementAndGet();
        }
        tell(outcome.name().toLowerCase(java.util.Locale.ROOT), 1);
    }

    void add(long createdCount, long updatedCount, long unchangedCount) {
        created.addAndGet(createdCount);
        updated.addAndGet(updatedCount);
        unchanged.addAndGet(unchangedCount);
        tell("created", createdCount);
        tell("updated", updatedCount);
        tell("unchanged", unchangedCount);
    }

    void skip(Skipped skip) {
        if (skipped.incrementAndGet() <= MAX_SKIPS_LISTED) {
            skips.add(skip);
        }
        tell("skipped", 1);
    }

    synchronized void fail(String reason) {
        if (failure == null) {
            failure = reason;
            if (listener != null) {
                listener.failed(format);
            }
        }
    }

    public String format() {
        return format;
    }

    public String collectionId() {
        return collectionId;
    }

    public long created() {
        return created.get();
    }

    public long updated() {
        return updated.get();
    }

    public long unchanged() {
        return unchanged.get();
    }

    public long done() {
        return created() + updated() + unchanged();
    }

    public long skipped() {
        return skipped.get();
    }

    /** Items withdrawn because the source no longer has them. */
    public long withdrawn() {
        return withdrawn.get();
    }

    void withdrew(long n) {
        withdrawn.addAndGet(n);
        tell("withdrawn", n);
    }

    /** Things the summary should say that are neither skips nor a failure. */
    public List<String> notes() {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }

    void note(String note) {
        notes.add(note);
    }

    /** Skipped files with reasons, in the order they were met (at most {@value #MAX_SKIPS_LISTED}). */
    public List<Skipped> skips() {
        synchronized (skips) {
            return List.copyOf(skips);
        }
    }

    /** Why the run stopped early, or null when it went through. */
    public String failure() {
        return failure;
    }

    public boolean succeeded() {
        return failure == null;
    }

    public double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public double itemsPerSecond() {
        double s = seconds();
        return s > 0 ? done() / s : 0;
    }

    /** The number of units the walk will meet, when it knows before it starts (a folder's listing). */
    void expect(long units) {
        expected.set(units);
    }

    /** Units expected in all, or -1 when unknown. */
    public long expected() {
        return expected.get();
    }

    /** Units met so far: done and skipped. */
    public long met() {
        return done() + skipped();
    }

    /** Seconds left at the rate so far, or -1 when the total or the rate is not known yet. */
    public double secondsLeft() {
        long total = expected(), met = met();
        double s = seconds();
        if (total < 0 || met == 0 || s <= 0) {
            return -1;
        }
        return Math.max(0, total - met) * s / met;
    }

    public String progressLine() {
        long total = expected();
        String of = total < 0 ? "" : String.format(java.util.Locale.ROOT, " of %d met (%.0f %%, %s left)", total,
                total == 0 ? 100.0 : 100.0 * met() / total, duration(secondsLeft()));
        return String.format(java.util.Locale.ROOT,
                "ingest %s into %s: %d done (%d new, %d updated, %d unchanged), %s%d skipped%s, %.1f items/s, %.1f s",
                format, collectionId, done(), created(), updated(), unchanged(),
                withdrawn() > 0 ? withdrawn() + " withdrawn, " : "", skipped(), of, itemsPerSecond(), seconds());
    }

    /** 75 s as "1:15", an hour and more as "1:02:03"; "?" when unknown. */
    static String duration(double seconds) {
        if (seconds < 0) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(java.util.Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(java.util.Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
