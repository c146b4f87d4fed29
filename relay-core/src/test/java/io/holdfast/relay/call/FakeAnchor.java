package io.holdfast.relay.call;

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
    }

    @Override
    public void close() {
        closes++;
    }
}
