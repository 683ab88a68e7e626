package io.github.relayllm.bench.eval.run;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress line on stderr for one dataset, redrawn in place with {@code \r}: done/total, the rate
 * of this run's requests per second and the time left at that rate. Redrawn at most every 200 ms
 * (and once more at the end), so that thousands of scripted requests a second do not flood a log.
 * Thread-safe.
 */
public final class Progress {
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final String label;
    private final int total;
    private final LongSupplier clock;
    private final long startNanos;
    private final int resumed;
    private int done;
    private long lastDrawNanos;

    /**
     * @param resumed requests already done before this run (they count as done, not in the rate)
     * @param clock nanoseconds, {@link System#nanoTime} outside tests
     */
    public Progress(PrintWriter err, String label, int total, int resumed, LongSupplier clock) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.resumed = resumed;
        this.done = resumed;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastDrawNanos = startNanos - REDRAW_NANOS;
    }

    /** One more request done. */
    public synchronized void step() {
        done++;
        long now = clock.getAsLong();
        if (now - lastDrawNanos >= REDRAW_NANOS) {
            draw(now);
        }
    }

    /** Draws the final state and ends the line. */
    public synchronized void finish() {
        draw(clock.getAsLong());
        err.println();
        err.flush();
    }

    /** The line as it is drawn now, without the {@code \r}. */
    synchronized String line(long now) {
        double seconds = (now - startNanos) / 1e9;
        int fresh = done - resumed;
        double rate = seconds > 0 ? fresh / seconds : 0;
        String eta = rate > 0 ? clockTime((total - done) / rate) : "--:--";
        return String.format(Locale.ROOT, "%s %d/%d  %.2f req/s  ETA %s", label, done, total, rate, eta);
    }

    private void draw(long now) {
        lastDrawNanos = now;
        err.print("\r" + line(now));
        err.flush();
    }

    private static String clockTime(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
