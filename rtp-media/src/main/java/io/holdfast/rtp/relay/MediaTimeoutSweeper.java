package io.holdfast.rtp.relay;

import io.holdfast.rtp.stats.MediaCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media-timeout sweep of one event loop, run every 10 ms ({@link MediaConfig#SWEEP_INTERVAL}) instead of a
 * timer per packet. For every session and each direction it reports, once per silence, a stream whose last packet
 * (or start, or retarget) is older than its timeout while the opposite direction has sent within that same
 * timeout: {@code deadlineNs - nowNs < 0} with {@code deadlineNs = last activity + timeout}. The report goes to the
 * session's {@link MediaFaultListener} as {@link MediaFault#MEDIA_TIMEOUT}; a packet on the stream re-arms it. The
 * sweep also closes learning windows that are due, and its own lateness tells whether the loop keeps pace
 * ({@link LoopPace}). Confined to its loop.
 */
public final class MediaTimeoutSweeper implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaTimeoutSweeper.class);

    private final MediaLoop loop;

    MediaTimeoutSweeper(MediaLoop loop) {
        this.loop = loop;
    }

    @Override
    public void run() {
        try {
            final long nowNs = loop.clock().nanoTime();
            loop.pace().onSweep(nowNs);
            sweep(nowNs);
        } catch (RuntimeException e) {
            loop.counters().increment(MediaCounter.MEDIA_CHANNEL_ERRORS);
            LOG.error("media timeout sweep failed; it runs again at the next period", e);
        }
    }

    /** Sweeps every session of the loop at {@code nowNs}. */
    void sweep(long nowNs) {
        int index = 0;
        while (index < loop.sessionCount()) {
            final MediaSession session = loop.sessionAt(index);
            session.closeLearningWindowsIfDue(nowNs);
            check(session, MediaSide.UPSTREAM, nowNs);
            check(session, MediaSide.CALLER, nowNs);
            if (index < loop.sessionCount() && loop.sessionAt(index) == session) {
                index++;
            }
        }
    }

    private static void check(MediaSession session, MediaSide side, long nowNs) {
        if (session.state() == MediaSession.State.CLOSED) {
            return;
        }
        final MediaStream stream = session.stream(side);
        if (stream.timeoutReported()) {
            return;
        }
        final long lastActivityNs = stream.lastActivityNs();
        final long deadlineNs = lastActivityNs + stream.timeoutNs();
        if (deadlineNs - nowNs < 0 && session.stream(side.opposite()).isActive(nowNs, stream.timeoutNs())) {
            stream.timeoutReported(true);
            session.reportTimeout(side, nowNs - lastActivityNs, nowNs);
        }
    }
}
