package io.holdfast.sip.transaction;

/**
 * The event loop that owns a {@link TransactionLayer} and everything in it: the only source of time and
 * of timers for the transaction layer, so that tests drive it with a fake. The transport implements it
 * over a Netty event loop; a fake implements it in tests.
 */
public interface OwnerLoop {
    /** True when the caller runs on this loop. */
    boolean inLoop();

    /** Runs {@code task} on this loop, after the task in progress (Netty's MPSC task queue). Any thread. */
    void execute(Runnable task);

    /** Runs {@code task} on this loop after {@code delayMs}. Owner loop only. */
    Timer schedule(Runnable task, long delayMs);

    /** A pending {@link #schedule}d task. */
    interface Timer {
        /** Stops the task if it has not run; no effect otherwise. */
        void cancel();
    }
}
