package io.holdfast.sip.transport;

import io.holdfast.sip.transaction.OwnerLoop;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * {@link OwnerLoop} over a Netty event loop. Every task runs guarded: an exception is recorded in the
 * {@link DistinctErrorLog} and never reaches the loop. Any thread.
 */
final class NettyOwnerLoop implements OwnerLoop {
    private final EventLoop loop;
    private final DistinctErrorLog errors;

    NettyOwnerLoop(EventLoop loop, DistinctErrorLog errors) {
        this.loop = loop;
        this.errors = errors;
    }

    EventLoop eventLoop() {
        return loop;
    }

    @Override
    public boolean inLoop() {
        return loop.inEventLoop();
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(() -> runGuarded(task));
    }

    @Override
    public Timer schedule(Runnable task, long delayMs) {
        ScheduledFuture<?> future = loop.schedule(() -> runGuarded(task), delayMs, TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    void runGuarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            errors.onError("SIP event loop task", e);
        }
    }
}
