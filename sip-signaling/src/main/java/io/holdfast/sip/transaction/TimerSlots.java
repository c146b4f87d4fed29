package io.holdfast.sip.transaction;

/** The pending {@link TimerKind} timers of one transaction, one slot per kind. Owner loop only. */
final class TimerSlots {
    private static final TimerKind[] KINDS = TimerKind.values();

    private final OwnerLoop loop;
    private final OwnerLoop.Timer[] pending = new OwnerLoop.Timer[KINDS.length];

    TimerSlots(OwnerLoop loop) {
        this.loop = loop;
    }

    /** Starts {@code kind}, replacing a pending one; {@code onFire} runs on the loop when it fires. */
    void schedule(TimerKind kind, long delayMs, Runnable onFire) {
        cancel(kind);
        int slot = kind.ordinal();
        pending[slot] = loop.schedule(() -> {
            pending[slot] = null;
            onFire.run();
        }, delayMs);
    }

    void cancel(TimerKind kind) {
        OwnerLoop.Timer timer = pending[kind.ordinal()];
        if (timer != null) {
            pending[kind.ordinal()] = null;
            timer.cancel();
        }
    }

    void cancelAll() {
        for (TimerKind kind : KINDS) {
            cancel(kind);
        }
    }
}
