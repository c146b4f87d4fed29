package io.holdfast.relay.failover;

/**
 * What one failure of a call may still spend: attempts ({@code failover.max-attempts}, each region invited
 * or standby leg used is one) and time ({@code failover.budget}, from detection). When either is spent the
 * call escalates. Confined to the call's event loop.
 */
public final class RecoveryBudget {
    private final int maxAttempts;
    private final long deadlineNs;
    private int attempts;

    /**
     * @param detectedNs when the failure was detected, on the call's clock
     */
    public RecoveryBudget(FailoverPolicy policy, long detectedNs) {
        this.maxAttempts = policy.maxAttempts();
        this.deadlineNs = detectedNs + policy.budget().toNanos();
    }

    /** True when another region may be tried at {@code nowNs}: attempts and time are left. */
    public boolean allowsAttempt(long nowNs) {
        return attempts < maxAttempts && deadlineNs - nowNs > 0;
    }

    /** Counts an attempt and returns its number, from 1. */
    public int nextAttempt() {
        return ++attempts;
    }

    /** Attempts made so far. */
    public int attempts() {
        return attempts;
    }
}
