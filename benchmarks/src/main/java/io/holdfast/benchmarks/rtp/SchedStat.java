package io.holdfast.benchmarks.rtp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux's scheduler says about the threads of a process whose names start with a prefix, summed over the
 * threads: their CPU time and how long they waited, runnable, for a CPU (the first two fields of
 * {@code /proc/PID/task/TID/schedstat}, nanoseconds). Sampled before and after a window, the wait says how much of
 * the window a thread lost to other work on the machine: on a shared machine, the cause of latency tails that no relay
 * change can remove; the CPU time of the harness's threads says what generating and receiving cost. The kernel adds a
 * wait when the thread next runs, so a long wait that began before a window counts in it. {@link #NONE}
 * where the files do not exist (not Linux, or a kernel without schedstats). Used from the harness's main thread.
 *
 * @param cpuNs CPU time, or -1
 * @param waitNs run-queue wait, or -1
 */
record SchedStat(long cpuNs, long waitNs) {

    /** Not available. */
    static final SchedStat NONE = new SchedStat(-1, -1);

    /**
     * Returns the summed figures of the threads of process {@code pid} named {@code prefix}*, or {@link #NONE}.
     *
     * @param pid the process
     * @param prefixes thread-name prefixes (Linux truncates names to 15 characters)
     */
    static SchedStat of(long pid, String... prefixes) {
        final Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return NONE;
        }
        long cpuNs = 0;
        long waitNs = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                final long[] fields = fields(thread, prefixes);
                cpuNs += fields[0];
                waitNs += fields[1];
            }
        } catch (IOException | UncheckedIOException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return NONE;
        }
        return new SchedStat(cpuNs, waitNs);
    }

    /** Returns what happened since {@code before}, or {@link #NONE} if either is not available. */
    SchedStat since(SchedStat before) {
        return cpuNs < 0 || before.cpuNs < 0 ? NONE : new SchedStat(cpuNs - before.cpuNs, waitNs - before.waitNs);
    }

    /** Returns the thread's CPU time and wait if it is named with a prefix, else zeros (also if it just exited). */
    private static long[] fields(Path thread, String[] prefixes) {
        final String name;
        final String schedstat;
        try {
            name = Files.readString(thread.resolve("comm")).trim();
            schedstat = Files.readString(thread.resolve("schedstat"));
        } catch (IOException e) {
            return new long[2];
        }
        if (!named(name, prefixes)) {
            return new long[2];
        }
        final String[] words = schedstat.trim().split(" ");
        return new long[] {Long.parseLong(words[0]), Long.parseLong(words[1])};
    }

    private static boolean named(String name, String[] prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
