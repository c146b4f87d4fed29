package io.holdfast.sip.transaction;

import java.util.ArrayDeque;
import java.util.PriorityQueue;

/**
 * A single-threaded {@link OwnerLoop} with a fake clock: time moves only through {@link #advance}, tasks
 * handed over with {@link #execute} run at the next {@link #runPending} or {@link #advance}.
 */
final class FakeLoop implements OwnerLoop {
    private final PriorityQueue<Scheduled> timers = new PriorityQueue<>();
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private long nowMs;
    private long sequence;

    long nowMs() {
        return nowMs;
    }

    @Override
    public boolean inLoop() {
        return true;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    @Override
    public Timer schedule(Runnable task, long delayMs) {
        if (delayMs < 0) {
            throw new IllegalArgumentException("negative delay " + delayMs);
        }
        Scheduled scheduled = new Scheduled(nowMs + delayMs, sequence++, task);
        timers.add(scheduled);
        return scheduled;
    }

    /** Runs the tasks handed over with {@link #execute}, including any they hand over. */
    void runPending() {
        for (int i = 0; i < 10_000 && !tasks.isEmpty(); i++) {
            tasks.poll().run();
        }
    }

    /** Moves time forward by {@code ms}, running every task and timer due, in deadline order. */
    void advance(long ms) {
        long target = nowMs + ms;
        runPending();
        while (!timers.isEmpty() && timers.peek().deadlineMs <= target) {
            Scheduled next = timers.poll();
            if (!next.cancelled) {
                nowMs = next.deadlineMs;
                next.task.run();
                runPending();
            }
        }
        nowMs = target;
    }

    /** Timers scheduled and not cancelled. */
    int pendingTimers() {
        int count = 0;
        for (Scheduled s : timers) {
            if (!s.cancelled) {
                count++;
            }
        }
        return count;
    }

    private static final class Scheduled implements Timer, Comparable<Scheduled> {
        private final long deadlineMs;
        private final long sequence;
        private final Runnable task;
        private boolean cancelled;

        Scheduled(long deadlineMs, long sequence, Runnable task) {
            this.deadlineMs = deadlineMs;
            this.sequence = sequence;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Scheduled other) {
            int byDeadline = Long.compare(deadlineMs, other.deadlineMs);
            return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
        }
    }
}
