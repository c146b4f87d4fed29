package io.holdfast.benchmarks.rtp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How long the threads of a process whose names start with a prefix have waited, runnable, for a CPU: the second
 * field of Linux's {@code /proc/PID/task/TID/schedstat} (run-queue wait in nanoseconds), summed over the threads.
 * Sampled before and after a window, it says how much of the window a thread lost to other work on the machine: on
 * a shared machine, the cause of latency tails that no relay change can remove. Returns -1 where the file does not
 * exist (not Linux, or a kernel without schedstats). Used from the harness's main thread.
 */
final class RunQueueWait {

    private RunQueueWait() {
    }

    /**
     * Returns the summed run-queue wait of the threads of process {@code pid} named {@code prefix}*, or -1.
     *
     * @param pid the process
     * @param prefixes thread-name prefixes (Linux truncates names to 15 characters)
     */
    static long waitNs(long pid, String... prefixes) {
        final Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return -1;
        }
        long total = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                total += threadWaitNs(thread, prefixes);
            }
        } catch (IOException | UncheckedIOException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return -1;
        }
        return total;
    }

    /** Returns the thread's run-queue wait if it is named with a prefix, else 0 (also when it just exited). */
    private static long threadWaitNs(Path thread, String[] prefixes) {
        final String name;
        final String schedstat;
        try {
            name = Files.readString(thread.resolve("comm")).trim();
            schedstat = Files.readString(thread.resolve("schedstat"));
        } catch (IOException e) {
            return 0;
        }
        return named(name, prefixes) ? Long.parseLong(schedstat.trim().split(" ")[1]) : 0;
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
