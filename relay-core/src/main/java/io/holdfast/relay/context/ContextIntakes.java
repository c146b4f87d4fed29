package io.holdfast.relay.context;

import io.holdfast.relay.call.Call;
import io.holdfast.relay.call.EscalationTrigger;
import io.holdfast.relay.call.InDialogRequestInterceptor;
import io.holdfast.relay.call.InboundRequest;
import io.holdfast.relay.call.ResumeContextSource;
import io.holdfast.relay.events.RouteChangeSink;
import io.holdfast.relay.time.NanoClock;
import io.holdfast.rtp.relay.MediaSide;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The resume-context intake of a whole relay: one {@link ContextIntake} per event loop, each confined to its
 * loop, and the seams a {@link Call} and a failover reach them by ({@link InDialogRequestInterceptor},
 * {@link ResumeContextSource}), which pass each call to the intake of the loop that owns it
 * ({@link Call#loopIndex()}). {@link #startSweep} makes each loop erase expired contexts every
 * {@link #SWEEP_INTERVAL}. The seam methods run on the call's loop; {@link #heldContexts()} and
 * {@link #counter} on any thread.
 */
public final class ContextIntakes implements InDialogRequestInterceptor, ResumeContextSource {
    /** How often each loop erases the contexts whose grace has run out. */
    public static final Duration SWEEP_INTERVAL = Duration.ofMillis(100);
    private static final long ASK_LOOP_TIMEOUT_MS = 5_000;

    private final ContextIntake[] intakes;
    private final ScheduledExecutorService[] loops;
    private final ScheduledFuture<?>[] sweeps;

    /**
     * @param loopCount  the relay's event loops
     * @param clock      the relay's clock
     * @param grace      how long a context outlives its call
     * @param events     where intent reports go
     * @param escalation what a region's request for a human calls
     */
    public ContextIntakes(int loopCount, NanoClock clock, Duration grace, RouteChangeSink events,
                          EscalationTrigger escalation) {
        if (loopCount < 1) {
            throw new IllegalArgumentException("a relay has at least one event loop, was " + loopCount);
        }
        intakes = new ContextIntake[loopCount];
        for (int i = 0; i < loopCount; i++) {
            intakes[i] = new ContextIntake(clock, grace, events, escalation);
        }
        loops = new ScheduledExecutorService[loopCount];
        sweeps = new ScheduledFuture<?>[loopCount];
    }

    /** The intake of loop {@code index}; use it on that loop only. */
    public ContextIntake loop(int index) {
        return intakes[index];
    }

    public int loopCount() {
        return intakes.length;
    }

    /**
     * Starts loop {@code index}'s expiry sweep on {@code loop}, the event loop that owns its calls. Once per
     * loop, before its first call.
     */
    public void startSweep(int index, ScheduledExecutorService loop) {
        if (loops[index] != null) {
            throw new IllegalStateException("the context sweep of loop " + index + " has already started");
        }
        loops[index] = loop;
        ContextIntake intake = intakes[index];
        long periodNs = SWEEP_INTERVAL.toNanos();
        sweeps[index] = loop.scheduleAtFixedRate(intake::expire, periodNs, periodNs, TimeUnit.NANOSECONDS);
    }

    /** Stops every sweep (the relay is closing). */
    public void stopSweeps() {
        for (ScheduledFuture<?> sweep : sweeps) {
            if (sweep != null) {
                sweep.cancel(false);
            }
        }
    }

    @Override
    public boolean intercept(Call call, MediaSide from, InboundRequest request) {
        return intakes[call.loopIndex()].intercept(call, from, request);
    }

    @Override
    public void callEnded(Call call) {
        intakes[call.loopIndex()].callEnded(call);
    }

    @Override
    public Optional<ResumeContext> contextOf(Call call) {
        return intakes[call.loopIndex()].contextOf(call);
    }

    /**
     * Calls with a context held on every loop, live or in their grace, each loop asked on its own thread. Any
     * thread but a loop's (there it would wait for itself).
     *
     * @throws IllegalStateException when a loop's sweep never started or does not answer within seconds
     */
    public int heldContexts() throws InterruptedException {
        int held = 0;
        for (int i = 0; i < intakes.length; i++) {
            ScheduledExecutorService loop = loops[i];
            if (loop == null) {
                throw new IllegalStateException("loop " + i + " has no context sweep: startSweep first");
            }
            ContextIntake intake = intakes[i];
            try {
                held += loop.submit(intake::heldContexts).get(ASK_LOOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("loop " + i + " failed to count its contexts", e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("loop " + i + " did not count its contexts within "
                        + ASK_LOOP_TIMEOUT_MS + " ms", e);
            }
        }
        return held;
    }

    /** A counter summed over every loop; any thread. */
    public long counter(ContextCounter counter) {
        long sum = 0;
        for (ContextIntake intake : intakes) {
            sum += intake.counter(counter);
        }
        return sum;
    }
}
