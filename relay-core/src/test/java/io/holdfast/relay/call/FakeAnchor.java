package io.holdfast.relay.call;

import io.holdfast.rtp.prompt.Prompt;
import io.holdfast.rtp.relay.MediaSide;

import java.util.ArrayList;
import java.util.List;

/** A {@link MediaAnchor} with fixed ports that records what it was told. Test thread only. */
final class FakeAnchor implements MediaAnchor {
    static final int CALLER_RTP = 41000;
    static final int CALLER_RTCP = 41003;
    static final int UPSTREAM_RTP = 42000;
    static final int UPSTREAM_RTCP = 42001;

    /** One signalled peer. */
    record Signal(MediaSide side, MediaPeer peer) {
    }

    final List<Signal> signals = new ArrayList<>();
    final List<MediaPeer> answers = new ArrayList<>();
    final List<Integer> answerTags = new ArrayList<>();
    int closes;
    /** Every prompt started, in order, with the payload type asked for. */
    final List<Prompt> prompts = new ArrayList<>();
    final List<Integer> promptPayloadTypes = new ArrayList<>();
    /** Forwarding of the upstream's media, as last switched. */
    boolean relaying = true;
    boolean promptPlaying;
    int promptStops;
    /** What {@link #promptFramesLeft()} answers while a prompt plays; tests move it. */
    int promptFramesLeft = 150;
    long lastUpstreamArrivalNs = Long.MIN_VALUE;
    /** False makes {@link #startPrompt} fail as for a codec without a prompt encoding. */
    boolean promptsAvailable = true;
    /** What {@link #promptPasses()} answers; tests move it. */
    long promptPasses;

    @Override
    public int localRtpPort(MediaSide side) {
        return side == MediaSide.CALLER ? CALLER_RTP : UPSTREAM_RTP;
    }

    @Override
    public int localRtcpPort(MediaSide side) {
        return side == MediaSide.CALLER ? CALLER_RTCP : UPSTREAM_RTCP;
    }

    @Override
    public void signalRemote(MediaSide side, MediaPeer peer) {
        signals.add(new Signal(side, peer));
    }

    @Override
    public void answerUpstream(MediaPeer peer, int regionTag) {
        answers.add(peer);
        answerTags.add(regionTag);
        relaying = true;
    }

    @Override
    public void relaying(boolean enabled) {
        relaying = enabled;
    }

    @Override
    public long lastUpstreamArrivalNs() {
        return lastUpstreamArrivalNs;
    }

    @Override
    public boolean startPrompt(Prompt prompt, int payloadType) {
        if (!promptsAvailable) {
            return false;
        }
        prompts.add(prompt);
        promptPayloadTypes.add(payloadType);
        promptPlaying = true;
        return true;
    }

    @Override
    public void stopPrompt() {
        if (promptPlaying) {
            promptStops++;
        }
        promptPlaying = false;
    }

    @Override
    public int promptFramesLeft() {
        return promptPlaying ? promptFramesLeft : 0;
    }

    @Override
    public long promptPasses() {
        return promptPasses;
    }

    @Override
    public void close() {
        stopPrompt();
        closes++;
    }
}
