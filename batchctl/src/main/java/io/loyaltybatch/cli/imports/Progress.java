package io.loyaltybatch.cli.imports;

import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * How far an import is: a live bar on a terminal (rows done, failed, rows per second, ETA), else one plain line
 * every few seconds, so a log stays readable.
 */
final class Progress implements AutoCloseable {

    private static final Duration PLAIN_EVERY = Duration.ofSeconds(5);

    private final PrintWriter plain;
    private final ProgressBar bar;
    private final long started = System.nanoTime();
    private long total;
    private long lastPlain;

    Progress(boolean terminal, PrintWriter plain, long total) {
        this.plain = plain;
        this.total = total;
        this.bar = terminal
                ? new ProgressBarBuilder()
                        .setTaskName("rows")
                        .setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(250)
                        .showSpeed()
                        .build()
                : null;
    }

    void update(long done, long failed) {
        if (bar != null) {
            bar.maxHint(total);
            bar.stepTo(done);
            bar.setExtraMessage(failed + " failed");
            return;
        }
        long now = System.nanoTime();
        if (now - lastPlain >= PLAIN_EVERY.toNanos() || done == total) {
            lastPlain = now;
            double seconds = (now - started) / 1e9;
            double rate = seconds > 0 ? done / seconds : 0;
            String eta = rate > 0 && done < total ? String.format(", ETA %.0f s", (total - done) / rate) : "";
            plain.printf("%,d/%,d rows done, %,d failed, %,.0f rows/s%s%n", done, total, failed, rate, eta);
            plain.flush();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
