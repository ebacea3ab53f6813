package io.loyaltybatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * CPU time and resident memory of the processes under test, from {@code /proc} (Linux). PostgreSQL is counted with
 * its descendants (its backends; CPU of a backend that ended is lost, and shared buffers count once per backend that
 * touched them). Memory is sampled every 200 ms: the peak resident set.
 */
final class ProcessStats implements AutoCloseable {

    /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
    private static final double TICKS = 100.0;

    private final Map<String, Long> pids;
    private final java.util.Set<String> withDescendants;
    private final Map<String, Long> peakRssKb = new LinkedHashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rss-sampler");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param pids           name -> process id, e.g. {@code gateway -> 1234}
     * @param withDescendants the names whose processes are counted with their descendants (PostgreSQL's backends)
     */
    ProcessStats(Map<String, Long> pids, java.util.Set<String> withDescendants) {
        this.pids = new LinkedHashMap<>(pids);
        this.withDescendants = java.util.Set.copyOf(withDescendants);
        pids.keySet().forEach(name -> peakRssKb.put(name, 0L));
        sampler.scheduleAtFixedRate(this::sample, 0, 200, TimeUnit.MILLISECONDS);
    }

    /** CPU seconds (user + system) each process used so far. */
    Map<String, Double> cpuSeconds() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        pids.forEach((name, pid) -> cpu.put(
                name,
                processes(name, pid).stream().mapToLong(ProcessStats::ticks).sum() / TICKS));
        return cpu;
    }

    /** The peak resident set (MB) seen for each process and its descendants since this was created. */
    synchronized Map<String, Double> peakRssMb() {
        Map<String, Double> mb = new LinkedHashMap<>();
        peakRssKb.forEach((name, kb) -> mb.put(name, kb / 1024.0));
        return mb;
    }

    private synchronized void sample() {
        pids.forEach((name, pid) -> {
            long kb =
                    processes(name, pid).stream().mapToLong(ProcessStats::rssKb).sum();
            peakRssKb.merge(name, kb, Math::max);
        });
    }

    private List<Long> processes(String name, long pid) {
        List<Long> all = new ArrayList<>(List.of(pid));
        if (withDescendants.contains(name)) {
            ProcessHandle.of(pid).ifPresent(handle -> handle.descendants().forEach(child -> all.add(child.pid())));
        }
        return all;
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces; fields after it are counted from its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended
        }
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended
        }
        return 0;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
