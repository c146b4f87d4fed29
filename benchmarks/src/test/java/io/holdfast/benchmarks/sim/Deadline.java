package io.holdfast.benchmarks.sim;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

/** Polls a condition until it holds or a deadline passes; for integration tests, instead of sleeping. */
final class Deadline {
    static final Duration WAIT = Duration.ofSeconds(10);

    private Deadline() {
    }

    static void await(String what, BooleanSupplier condition) {
        await(what, WAIT, condition);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadlineNs > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            LockSupport.parkNanos(5_000_000);
        }
    }

    /** Lets {@code duration} pass (to show that something does not happen), polling nothing. */
    static void pass(Duration duration) {
        long endNs = System.nanoTime() + duration.toNanos();
        long leftNs;
        while ((leftNs = endNs - System.nanoTime()) > 0) {
            LockSupport.parkNanos(leftNs);
        }
    }
}
