package io.holdfast.sip.transaction;

import java.time.Duration;
import java.util.Objects;

/**
 * Transaction timer configuration (RFC 3261 §17.1.1.1, Appendix A). Every derived timer is a method
 * here so the machines never compute one themselves. Reliable transports get no retransmissions and a
 * zero wait for Timers D, I, J and K, as the RFC prescribes.
 *
 * @param t1 RTT estimate, the base of every retransmission interval and of the 64*T1 timeouts
 * @param t2 maximum retransmission interval for non-INVITE requests and INVITE responses
 * @param t4 maximum time a message stays in the network (Timers I and K on unreliable transports)
 * @param timerD wait for response retransmissions on unreliable transports (at least 32 s in the RFC)
 * @param tryingDelay how long the INVITE server transaction waits for the TU before sending 100 Trying
 */
public record TransactionTimers(Duration t1, Duration t2, Duration t4, Duration timerD, Duration tryingDelay) {
    public static final Duration DEFAULT_T1 = Duration.ofMillis(500);
    public static final Duration DEFAULT_T2 = Duration.ofSeconds(4);
    public static final Duration DEFAULT_T4 = Duration.ofSeconds(5);
    public static final Duration DEFAULT_TIMER_D = Duration.ofSeconds(32);
    public static final Duration DEFAULT_TRYING_DELAY = Duration.ofMillis(200);
    public static final TransactionTimers DEFAULT =
            new TransactionTimers(DEFAULT_T1, DEFAULT_T2, DEFAULT_T4, DEFAULT_TIMER_D, DEFAULT_TRYING_DELAY);

    public TransactionTimers {
        requirePositive(t1, "t1");
        requirePositive(t2, "t2");
        requirePositive(t4, "t4");
        requirePositive(timerD, "timerD");
        requirePositive(tryingDelay, "tryingDelay");
        if (t2.compareTo(t1) < 0) {
            throw new IllegalArgumentException("t2 (" + t2 + ") must not be shorter than t1 (" + t1 + ")");
        }
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    public long t1Ms() {
        return t1.toMillis();
    }

    public long t2Ms() {
        return t2.toMillis();
    }

    public long t4Ms() {
        return t4.toMillis();
    }

    /** 64*T1: Timers B, F, H, L and M, and the UAS wait for the ACK of a 2xx (§13.3.1.4). */
    public long sixtyFourT1Ms() {
        return 64 * t1Ms();
    }

    /** Timer D: {@link #timerD} on unreliable transports, 0 on reliable ones. */
    public long timerDMs(boolean reliable) {
        return reliable ? 0 : timerD.toMillis();
    }

    /** Timer I: T4 on unreliable transports, 0 on reliable ones. */
    public long timerIMs(boolean reliable) {
        return reliable ? 0 : t4Ms();
    }

    /** Timer J: 64*T1 on unreliable transports, 0 on reliable ones. */
    public long timerJMs(boolean reliable) {
        return reliable ? 0 : sixtyFourT1Ms();
    }

    /** Timer K: T4 on unreliable transports, 0 on reliable ones. */
    public long timerKMs(boolean reliable) {
        return reliable ? 0 : t4Ms();
    }

    /** The next retransmission interval after {@code intervalMs} for Timers E and G: doubled, capped at T2. */
    public long nextCappedIntervalMs(long intervalMs) {
        return Math.min(2 * intervalMs, t2Ms());
    }

    public long tryingDelayMs() {
        return tryingDelay.toMillis();
    }
}
