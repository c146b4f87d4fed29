package io.holdfast.relay.time;

/** The host's clocks. Stateless; safe on any thread. Reach it through {@link NanoClock#system()}. */
final class SystemNanoClock implements NanoClock {
    static final SystemNanoClock INSTANCE = new SystemNanoClock();

    private SystemNanoClock() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long epochMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public String toString() {
        return "NanoClock.system()";
    }
}
