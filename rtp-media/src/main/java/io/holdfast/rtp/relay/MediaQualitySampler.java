package io.holdfast.rtp.relay;

import io.holdfast.rtp.ring.MediaSampleKind;
import io.holdfast.rtp.ring.MediaSampleRing;
import io.holdfast.rtp.stats.MediaCounter;
import io.holdfast.rtp.stats.StreamStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic quality sampling of one event loop ({@link MediaConfig#sampleInterval()}): for every stream, the packets
 * received in the interval, and when any arrived the jitter and the interval's loss fraction; and the round-trip
 * time when a new one was measured. Samples go to the loop's {@link MediaSampleRing}. Confined to its loop.
 */
final class MediaQualitySampler implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaQualitySampler.class);

    private final MediaLoop loop;

    MediaQualitySampler(MediaLoop loop) {
        this.loop = loop;
    }

    @Override
    public void run() {
        try {
            sample(loop.clock().nanoTime());
        } catch (RuntimeException e) {
            loop.counters().increment(MediaCounter.MEDIA_CHANNEL_ERRORS);
            LOG.error("media quality sampling failed; it runs again at the next period", e);
        }
    }

    /** Samples every stream of the loop at {@code nowNs}. */
    void sample(long nowNs) {
        final MediaSampleRing ring = loop.samples();
        for (int i = 0; i < loop.sessionCount(); i++) {
            final MediaSession session = loop.sessionAt(i);
            sample(session, MediaSide.CALLER, ring, nowNs);
            sample(session, MediaSide.UPSTREAM, ring, nowNs);
        }
    }

    private static void sample(MediaSession session, MediaSide side, MediaSampleRing ring, long nowNs) {
        final MediaStream stream = session.stream(side);
        final StreamStats stats = stream.stats();
        final long streamId = session.streamId(side);
        final int tag = session.upstreamTag();
        final long packets = stats.takePacketsSinceLastCall();
        final double fractionLost = stats.closeInterval();
        ring.offer(streamId, tag, MediaSampleKind.PACKETS_RECEIVED, packets, nowNs);
        if (packets > 0) {
            ring.offer(streamId, tag, MediaSampleKind.JITTER_MS, stats.jitterMs(), nowNs);
            ring.offer(streamId, tag, MediaSampleKind.LOSS_FRACTION, fractionLost, nowNs);
        }
        if (stream.takeNewRtt() && stats.rttNs() >= 0) {
            ring.offer(streamId, tag, MediaSampleKind.RTT_MS, stats.rttNs() / 1_000_000.0, nowNs);
        }
    }
}
