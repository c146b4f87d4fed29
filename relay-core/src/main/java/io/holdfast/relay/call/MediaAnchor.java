package io.holdfast.relay.call;

import io.holdfast.rtp.prompt.Prompt;
import io.holdfast.rtp.relay.MediaSide;

/**
 * The call's view of its anchored media session: the ports it owns on each side and where each side's
 * peer is. Narrow so that the call's state machine runs in unit tests without sockets. Confined to the
 * call's event loop.
 */
interface MediaAnchor {
    /** The local RTP port facing {@code side}. */
    int localRtpPort(MediaSide side);

    /** The local RTCP port facing {@code side}. */
    int localRtcpPort(MediaSide side);

    /** A side signalled new media addresses (offer or answer): latching starts again for it. */
    void signalRemote(MediaSide side, MediaPeer peer);

    /**
     * A region answered: upstream media now comes from and goes to {@code peer}, its statistics and media
     * timeout start now, and the caller's stream continues across it.
     */
    void answerUpstream(MediaPeer peer, int regionTag);

    /**
     * Switches relaying between the caller and the region on or off, both ways ({@link #answerUpstream} switches
     * it back on). Off while the caller hears a prompt: the failed region's stragglers must not interleave with
     * it, and the caller's audio must not go on to a failed region (a dead one answers each packet with an ICMP
     * error that could surface after the switch to the next region).
     */
    void relaying(boolean enabled);

    /** The arrival of the last packet from the upstream, on the call's clock, or {@code Long.MIN_VALUE}. */
    long lastUpstreamArrivalNs();

    /**
     * Starts {@code prompt}, looped, on the caller-facing stream (its SSRC, sequence and timestamps going on,
     * marker on the first frame), in the codec of {@code payloadType}; the first frame is sent at once, the
     * next ones on the loop's 20 ms prompt tick. Restarts from the first frame when a prompt plays.
     *
     * @return false when no prompt encoding exists for {@code payloadType} (the caller then hears silence)
     */
    boolean startPrompt(Prompt prompt, int payloadType);

    /** Stops the prompt at a frame boundary; does nothing when none plays. */
    void stopPrompt();

    /** Frames left until the playing prompt's current pass ends; 0 when none plays. */
    int promptFramesLeft();

    /** Passes of a prompt played to their end on this call so far (a looped prompt wraps after each). */
    long promptPasses();

    /** Closes the channels and releases the ports. Idempotent. */
    void close();
}
