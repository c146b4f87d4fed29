package io.holdfast.relay.context;

import io.holdfast.relay.time.NanoClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The latest resume context of each call on one event loop, held in memory only, for the call's life and a
 * grace after it ({@link #DEFAULT_GRACE}), then erased. The grace covers what still needs the context after
 * the caller's side has ended: an escalation INVITE in flight, a late failover answer.
 *
 * <pre>
 *  (none) --put--> LIVE --put--> LIVE (replaced, the old one dropped)
 *  LIVE --callEnded(now)--> GRACE (erase at now + grace)
 *  GRACE --expire(t), t - (end + grace) >= 0--> erased
 *  LIVE or GRACE --erase--> erased
 *  GRACE --put--> GRACE (refused and counted: the call is over)
 * </pre>
 *
 * <p>Erasing drops every reference the store holds (map entry, queue slot, the context itself), so the
 * context is unreachable from holdfast from then on. The values are Java strings, which cannot be
 * overwritten in place; they go with the next garbage collection and are never written anywhere on the way
 * (no log, event, metric or file).
 *
 * <p>Expiry runs in the loop's periodic sweep ({@link #expire}); calls end in the order their grace ends, so
 * the sweep looks only at the head of a queue and costs nothing when there is nothing to erase. Confined to
 * the event loop that owns the calls: no locks.
 */
public final class ContextStore {
    /** How long a context outlives its call by default. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    private enum State { LIVE, GRACE, ERASED }

    private final NanoClock clock;
    private final long graceNs;
    private final Map<String, Entry> entries = new HashMap<>();
    private final ArrayDeque<Entry> ending = new ArrayDeque<>();
    private long stored;
    private long replaced;
    private long erased;
    private long refusedAfterEnd;

    /**
     * @param clock the loop's clock, read when a call ends
     * @param grace how long a context outlives its call: zero or more
     */
    public ContextStore(NanoClock clock, Duration grace) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("context grace must not be negative, was " + grace);
        }
        this.graceNs = grace.toNanos();
    }

    /**
     * Stores {@code context} as the call's latest, replacing the one before.
     *
     * @return false, with nothing stored, when the call has already ended
     */
    public boolean put(String callRef, ResumeContext context) {
        Objects.requireNonNull(callRef, "callRef");
        Objects.requireNonNull(context, "context");
        Entry entry = entries.get(callRef);
        if (entry == null) {
            entries.put(callRef, new Entry(callRef, context));
            stored++;
            return true;
        }
        if (entry.state != State.LIVE) {
            refusedAfterEnd++;
            return false;
        }
        entry.context = context;
        replaced++;
        return true;
    }

    /** The call's latest context, during its life and grace. */
    public Optional<ResumeContext> get(String callRef) {
        Entry entry = entries.get(callRef);
        return entry == null ? Optional.empty() : Optional.of(entry.context);
    }

    /**
     * The call has ended: its context is erased one grace from now. A second call, or a call with no
     * context, changes nothing.
     */
    public void callEnded(String callRef) {
        Entry entry = entries.get(callRef);
        if (entry == null || entry.state != State.LIVE) {
            return;
        }
        entry.state = State.GRACE;
        entry.eraseAtNs = clock.nanoTime() + graceNs;
        ending.addLast(entry);
    }

    /**
     * The periodic sweep: erases every context whose grace has run out at {@code nowNs}.
     *
     * @return how many were erased
     */
    public int expire(long nowNs) {
        int count = 0;
        Entry head;
        while ((head = ending.peekFirst()) != null) {
            if (head.state == State.ERASED) {
                ending.pollFirst();
                continue;
            }
            if (nowNs - head.eraseAtNs < 0) {
                break;
            }
            ending.pollFirst();
            erase(head);
            count++;
        }
        return count;
    }

    /**
     * Erases the call's context now, in any state (a call that must not keep anything).
     *
     * @return false when there was none
     */
    public boolean erase(String callRef) {
        Entry entry = entries.get(callRef);
        if (entry == null) {
            return false;
        }
        erase(entry);
        return true;
    }

    private void erase(Entry entry) {
        entries.remove(entry.callRef);
        entry.context = null;
        entry.state = State.ERASED;
        erased++;
    }

    /** Calls with a context, live or in their grace. */
    public int size() {
        return entries.size();
    }

    /** Contexts stored for a call that had none. */
    public long storedCount() {
        return stored;
    }

    /** Contexts that replaced a call's earlier one. */
    public long replacedCount() {
        return replaced;
    }

    /** Contexts erased, by expiry or {@link #erase}. */
    public long erasedCount() {
        return erased;
    }

    /** Contexts refused because their call had ended. */
    public long refusedAfterEndCount() {
        return refusedAfterEnd;
    }

    @Override
    public String toString() {
        return "ContextStore[" + entries.size() + " calls, grace " + Duration.ofNanos(graceNs) + ']';
    }

    /** One call's context. The call reference is the B2BUA's key and is not PII. */
    private static final class Entry {
        private final String callRef;
        private ResumeContext context;
        private State state = State.LIVE;
        private long eraseAtNs;

        Entry(String callRef, ResumeContext context) {
            this.callRef = callRef;
            this.context = context;
        }
    }
}
