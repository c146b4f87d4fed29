package io.holdfast.relay.call;

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

    /** Closes the channels and releases the ports. Idempotent. */
    void close();
}
