package io.holdfast.benchmarks.rtp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Counts the system calls and context switches of a process over a window with Linux {@code perf stat} (as root or
 * with a permissive {@code perf_event_paranoid}): the relay's syscalls per packet show what batching saves, whatever
 * else the machine is doing. Optional: when perf is missing or refuses, the counts are -1. Used from the harness's
 * main thread.
 */
final class SyscallCounter {

    /** The counts of one window, or -1 each when not measured. */
    record Counts(long syscalls, long contextSwitches) {
        static final Counts NONE = new Counts(-1, -1);
    }

    private final Process perf;

    private SyscallCounter(Process perf) {
        this.perf = perf;
    }

    /** Starts counting the syscalls of {@code pid} for {@code window}; null when perf cannot be started. */
    static SyscallCounter start(long pid, Duration window) {
        final double seconds = window.toMillis() / 1000.0;
        try {
            return new SyscallCounter(new ProcessBuilder(List.of("perf", "stat", "-x", ",", "-e",
                    "raw_syscalls:sys_enter,context-switches", "-p", Long.toString(pid), "--", "sleep",
                    Double.toString(seconds))).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start());
        } catch (IOException e) {
            System.err.println("perf stat could not be started (" + e.getMessage() + "): no syscall counts");
            return null;
        }
    }

    /** Waits for the window to end and returns the counts. */
    Counts finish() {
        try (InputStream output = perf.getInputStream()) {
            final String text = new String(output.readAllBytes(), StandardCharsets.UTF_8);
            if (!perf.waitFor(30, TimeUnit.SECONDS)) {
                perf.destroyForcibly();
                return Counts.NONE;
            }
            long syscalls = -1;
            long switches = -1;
            for (String line : text.split("\n")) {
                final String[] fields = line.split(",");
                if (fields.length > 2 && fields[2].equals("raw_syscalls:sys_enter")) {
                    syscalls = parse(fields[0]);
                } else if (fields.length > 2 && fields[2].equals("context-switches")) {
                    switches = parse(fields[0]);
                }
            }
            if (syscalls < 0) {
                System.err.println("perf stat gave no syscall count: " + text.trim());
            }
            return new Counts(syscalls, switches);
        } catch (IOException e) {
            System.err.println("reading perf stat failed: " + e.getMessage());
            return Counts.NONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            perf.destroyForcibly();
            return Counts.NONE;
        }
    }

    private static long parse(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
