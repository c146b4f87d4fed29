package io.holdfast.rtp.prompt;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one 20 ms prompt tick of an event loop: on every tick it lets each playing
 * {@link PromptPlayer} of the loop send its due frame. Players join when they start and are dropped
 * on the first tick after they stop; the ticker keeps them in an array that only grows, so a tick
 * allocates nothing.
 *
 * <p>Ticks fall on a 20 ms grid and players see the grid time, not the time the task happened to
 * run: Netty runs a fixed-rate task late, and several times back to back after a stall, so a run that
 * falls in a grid slot already served does nothing ({@link #repeatedSlotRuns()}), and a run that
 * skips slots passes the later grid time, from which each player bounds its own catch-up.
 *
 * <p>A sink that throws is a bug in the sink: its player is stopped, the failure is counted
 * ({@link #sinkFailures()}) and logged with its stack trace, and the other players go on. No
 * exception leaves a tick, so the schedule is never cancelled by one.
 *
 * <p>Confined to its event loop.
 */
public final class PromptTicker {
    private static final Logger LOG = LoggerFactory.getLogger(PromptTicker.class);
    private static final int INITIAL_CAPACITY = 16;

    private final EventExecutor executor;
    private final Runnable scheduledTick = this::onScheduledTick;

    private PromptPlayer[] players = new PromptPlayer[INITIAL_CAPACITY];
    private int playerCount;

    private boolean gridStarted;
    private long gridOriginNs;
    private long lastSlot;
    private ScheduledFuture<?> schedule;

    private long ticks;
    private long repeatedSlotRuns;
    private long sinkFailures;

    /**
     * A ticker that the caller drives by calling {@link #tick(long)} every 20 ms (or more often: runs
     * within a slot already served do nothing), for a loop that already has a periodic task.
     * {@link #start(EventExecutor)} makes one that schedules itself.
     *
     * @param executor the event loop that owns the players; their {@code start} must run on it
     */
    public PromptTicker(EventExecutor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * A ticker scheduled on {@code executor} at a fixed rate of 20 ms, reading time from the
     * executor's {@linkplain EventExecutor#ticker() ticker}. Call once per event loop, from any thread;
     * {@link #close()} cancels it.
     */
    public static PromptTicker start(EventExecutor executor) {
        PromptTicker ticker = new PromptTicker(executor);
        ticker.gridStarted = true;
        ticker.gridOriginNs = executor.ticker().nanoTime() + EncodedPrompt.FRAME_DURATION_NS;
        ticker.lastSlot = -1;
        ticker.schedule = executor.scheduleAtFixedRate(ticker.scheduledTick,
                EncodedPrompt.FRAME_DURATION_NS, EncodedPrompt.FRAME_DURATION_NS, TimeUnit.NANOSECONDS);
        return ticker;
    }

    /**
     * Runs one tick: every playing player sends the frames due at the start of the grid slot that
     * holds {@code nowNs}. The first call places the grid at {@code nowNs} unless {@link #start}
     * did. Never throws on behalf of a sink.
     */
    public void tick(long nowNs) {
        if (!gridStarted) {
            gridStarted = true;
            gridOriginNs = nowNs;
            lastSlot = -1;
        }
        long slot = Math.floorDiv(nowNs - gridOriginNs, EncodedPrompt.FRAME_DURATION_NS);
        if (slot <= lastSlot) {
            repeatedSlotRuns++;
            return;
        }
        lastSlot = slot;
        ticks++;
        long slotStartNs = gridOriginNs + slot * EncodedPrompt.FRAME_DURATION_NS;
        int kept = 0;
        // playerCount and players are read on every pass: a sink may start another player mid-tick.
        for (int i = 0; i < playerCount; i++) {
            PromptPlayer player = players[i];
            tickOne(player, slotStartNs);
            if (player.isPlaying()) {
                players[kept++] = player;
            } else {
                player.registered = false;
            }
        }
        Arrays.fill(players, kept, playerCount, null);
        playerCount = kept;
    }

    /**
     * Cancels the schedule, if any, and stops every player; for loop shutdown. A player started
     * afterwards joins a ticker that no longer ticks.
     */
    public void close() {
        if (schedule != null) {
            schedule.cancel(false);
        }
        for (int i = 0; i < playerCount; i++) {
            players[i].stop();
            players[i].registered = false;
            players[i] = null;
        }
        playerCount = 0;
    }

    /** The time now on the ticker's time base (its executor's ticker), for {@link PromptPlayer#startNow}. */
    public long nowNs() {
        return executor.ticker().nanoTime();
    }

    /** Players started and not yet dropped (a stopped player counts until the next tick). */
    public int activePlayers() {
        return playerCount;
    }

    /** Grid slots served. */
    public long ticks() {
        return ticks;
    }

    /** Runs that fell in a slot already served (Netty's catch-up runs after a stall) and did nothing. */
    public long repeatedSlotRuns() {
        return repeatedSlotRuns;
    }

    /** Players stopped because their sink threw. */
    public long sinkFailures() {
        return sinkFailures;
    }

    /**
     * Adds {@code player} to the tick; does nothing when it is already there.
     *
     * @throws IllegalStateException when not called on this ticker's event loop
     */
    void register(PromptPlayer player) {
        if (!executor.inEventLoop()) {
            throw new IllegalStateException("PromptPlayer.start must run on the event loop that owns the call");
        }
        if (player.registered) {
            return;
        }
        if (playerCount == players.length) {
            players = Arrays.copyOf(players, players.length * 2);
        }
        players[playerCount++] = player;
        player.registered = true;
    }

    private void onScheduledTick() {
        tick(executor.ticker().nanoTime());
    }

    private void tickOne(PromptPlayer player, long slotStartNs) {
        try {
            player.onTick(slotStartNs);
        } catch (RuntimeException e) {
            player.stop();
            sinkFailures++;
            LOG.error("Prompt frame sink failed; the call's prompt is stopped (failure {} on this loop)", sinkFailures, e);
        }
    }
}
