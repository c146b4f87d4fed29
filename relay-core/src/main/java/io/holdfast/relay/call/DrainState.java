package io.holdfast.relay.call;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The relay's live-call count and drain flag, shared by every event loop: a call counts from its INVITE to
 * its end (one atomic update each, per call, never per packet). Once draining, new INVITEs are refused and
 * {@link #idle()} completes when the last call ends. Thread-safe.
 */
final class DrainState {
    private final AtomicInteger liveCalls = new AtomicInteger();
    private final CompletableFuture<Void> idle = new CompletableFuture<>();
    private volatile boolean draining;

    void callStarted() {
        liveCalls.incrementAndGet();
    }

    void callEnded() {
        if (liveCalls.decrementAndGet() == 0 && draining) {
            idle.complete(null);
        }
    }

    /** From now on new calls are refused; {@link #idle()} completes once no call is left. */
    void drain() {
        draining = true;
        if (liveCalls.get() == 0) {
            idle.complete(null);
        }
    }

    boolean draining() {
        return draining;
    }

    int liveCalls() {
        return liveCalls.get();
    }

    /** Completes when draining and no call is left. */
    CompletableFuture<Void> idle() {
        return idle;
    }
}
