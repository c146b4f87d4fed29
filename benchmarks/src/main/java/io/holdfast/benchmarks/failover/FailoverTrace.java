package io.holdfast.benchmarks.failover;

import io.holdfast.benchmarks.sim.AgentVoice;
import io.holdfast.benchmarks.sim.ReceivedRtp;
import io.holdfast.benchmarks.sim.RtpRecording;
import io.holdfast.relay.events.RouteChangeEvent;
import io.holdfast.rtp.prompt.PromptCodec;
import java.util.List;
import java.util.Optional;

/**
 * One failover as the caller lived it, read from the caller's {@link RtpRecording} (every packet with its arrival
 * time) and holdfast's route-change event. A packet is the old region's when it is a frame of the old region's
 * voice, the new region's when it is a frame of the new region's voice, and the prompt when it is neither and
 * arrived after the old region's last frame. Times are {@code System.nanoTime()} instants of the one JVM that ran
 * the caller, the simulators and holdfast; {@code -1} when the moment never came.
 *
 * <p>The instant of detection is not in the event (which holds durations): it is taken as the arrival of the old
 * region's last frame at the caller plus the event's {@code detection} (measured by holdfast from its last good
 * packet from the region); the caller's arrival stands in for holdfast's, a few microseconds of forwarding apart on
 * loopback. Immutable.
 *
 * @param diedAtNs          when the old region died (or was told to fail)
 * @param lastOldFrameNs    when the caller heard the old region's last frame
 * @param firstPromptFrameNs when the caller heard the first frame of the hold prompt
 * @param firstNewFrameNs   when the caller heard the new region's first frame
 * @param maxSilenceNs      the longest time between two packets the caller heard from the old region's last frame to
 *                          the new region's first
 * @param event             holdfast's route-change event for the failover, when one came
 */
public record FailoverTrace(long diedAtNs, long lastOldFrameNs, long firstPromptFrameNs, long firstNewFrameNs,
                            long maxSilenceNs, Optional<RouteChangeEvent> event) {
    /** What a trace holds when a moment did not come. */
    public static final long NEVER = -1;

    /** Reads the failover from what the caller heard. */
    public static FailoverTrace of(RtpRecording heard, AgentVoice oldVoice, AgentVoice newVoice, long diedAtNs,
                                   Optional<RouteChangeEvent> event) {
        List<ReceivedRtp> packets = heard.packets();
        long lastOld = NEVER;
        int lastOldIndex = -1;
        for (int i = 0; i < packets.size(); i++) {
            if (isFrameOf(oldVoice, packets.get(i))) {
                lastOld = packets.get(i).arrivalNs();
                lastOldIndex = i;
            }
        }
        long firstPrompt = NEVER;
        long firstNew = NEVER;
        long maxSilence = 0;
        for (int i = lastOldIndex + 1; i < packets.size() && firstNew == NEVER; i++) {
            ReceivedRtp packet = packets.get(i);
            if (i > 0 && lastOldIndex >= 0) {
                maxSilence = Math.max(maxSilence, packet.arrivalNs() - packets.get(i - 1).arrivalNs());
            }
            if (isFrameOf(newVoice, packet)) {
                firstNew = packet.arrivalNs();
            } else if (firstPrompt == NEVER && !isFrameOf(oldVoice, packet)) {
                firstPrompt = packet.arrivalNs();
            }
        }
        return new FailoverTrace(diedAtNs, lastOld, firstPrompt, firstNew, firstNew == NEVER ? NEVER : maxSilence,
                event);
    }

    private static boolean isFrameOf(AgentVoice voice, ReceivedRtp packet) {
        byte[] payload = packet.payload();
        return voice.isFrameOf(PromptCodec.PCMU, payload) || voice.isFrameOf(PromptCodec.PCMA, payload);
    }

    /** True when the caller heard the old region, then the new one, and holdfast reported the failover. */
    public boolean isComplete() {
        return lastOldFrameNs != NEVER && firstNewFrameNs != NEVER && event.isPresent()
                && event.get().detection() != null;
    }

    /** The estimated instant holdfast detected the failure (see the class comment), or {@link #NEVER}. */
    public long detectedNs() {
        if (lastOldFrameNs == NEVER || event.isEmpty() || event.get().detection() == null) {
            return NEVER;
        }
        return lastOldFrameNs + event.get().detection().toNanos();
    }

    /** From the region's death to holdfast's detection; {@link #NEVER} when unknown. May be 0 or near it. */
    public long deathToDetectionNs() {
        long detected = detectedNs();
        return detected == NEVER ? NEVER : Math.max(0, detected - diedAtNs);
    }

    /** From detection to the first prompt frame at the caller. */
    public long detectionToPromptNs() {
        return since(detectedNs(), firstPromptFrameNs);
    }

    /** From detection to the new region's first frame at the caller: the re-anchor as the caller hears it. */
    public long detectionToNewRegionNs() {
        return since(detectedNs(), firstNewFrameNs);
    }

    /** From the old region's last frame to the first prompt frame: the silence before the prompt. */
    public long gapToPromptNs() {
        return since(lastOldFrameNs, firstPromptFrameNs);
    }

    /** From the old region's last frame to the new region's first: the time without the agent. */
    public long gapToNewRegionNs() {
        return since(lastOldFrameNs, firstNewFrameNs);
    }

    private static long since(long fromNs, long toNs) {
        return fromNs == NEVER || toNs == NEVER ? NEVER : Math.max(0, toNs - fromNs);
    }
}
