package io.patchserve.ingest;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The ingest command's progress on a terminal: one line redrawn in place, with a bar when the number of units is
 * known (a folder's listing), done/total, rate and time left. Off the terminal (a log, a Job) it draws nothing:
 * the run's progress lines are logged every {@code patchserve.ingest.progress-interval} instead.
 */
final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;

    private final IngestReport report;
    private final PrintStream out;
    private final Thread drawer;

    private ProgressBar(IngestReport report, PrintStream out) {
        this.report = report;
        this.out = out;
        this.drawer = Thread.ofVirtual().start(this::drawUntilClosed);
    }

    /** A bar drawn while the run goes when {@code out} is the terminal's; otherwise one that draws nothing. */
    static ProgressBar start(IngestReport report, PrintStream out) {
        return out == System.out && onTerminal() ? new ProgressBar(report, out) : null;
    }

    /** Standard output is a terminal: a console exists (Java 21) and says it is one (Java 22+: isTerminal). */
    private static boolean onTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 21: System.console() is null unless both streams are the terminal
        }
    }

    private void drawUntilClosed() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                out.print("\r" + line(report) + "\u001b[K");
                out.flush();
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The bar's text: "[#####.....]  45 %  1234/2700  52.1 items/s  0:28 left", or counts alone without a total. */
    static String line(IngestReport report) {
        long total = report.expected(), met = report.met();
        String rate = String.format(Locale.ROOT, "%.1f items/s", report.itemsPerSecond());
        String skipped = report.skipped() == 0 ? "" : "  " + report.skipped() + " skipped";
        if (total <= 0) {
            return String.format(Locale.ROOT, "%d done%s  %s  %s", report.done(), skipped, rate,
                    IngestReport.duration(report.seconds()));
        }
        double fraction = Math.min(1, (double) met / total);
        int filled = (int) Math.round(fraction * WIDTH);
        return String.format(Locale.ROOT, "[%s%s] %3.0f %%  %d/%d%s  %s  %s left", "#".repeat(filled), ".".repeat(WIDTH - filled),
                fraction * 100, met, total, skipped, rate, IngestReport.duration(report.secondsLeft()));
    }

    @Override
    public void close() {
        drawer.interrupt();
        try {
            drawer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.print("\r\u001b[K");
        out.flush();
    }
}
