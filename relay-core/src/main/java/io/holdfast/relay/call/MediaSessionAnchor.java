package io.holdfast.relay.call;

import io.holdfast.rtp.relay.MediaLoop;
import io.holdfast.rtp.relay.MediaSession;
import io.holdfast.rtp.relay.MediaSide;

/** A {@link MediaAnchor} on an open {@link MediaSession} of the call's media loop. Confined to that loop. */
final class MediaSessionAnchor implements MediaAnchor {
    private final MediaSession session;
    private final MediaLoop loop;

    MediaSessionAnchor(MediaSession session, MediaLoop loop) {
        this.session = session;
        this.loop = loop;
    }

    /** The session itself, for the failover seam (retarget, prompt frames). */
    MediaSession session() {
        return session;
    }

    @Override
    public int localRtpPort(MediaSide side) {
        return session.localPort(side);
    }

    @Override
    public int localRtcpPort(MediaSide side) {
        return session.localRtcpPort(side);
    }

    @Override
    public void signalRemote(MediaSide side, MediaPeer peer) {
        session.signalRemote(side, peer.rtp(), peer.rtcp(), loop.clock().nanoTime());
    }

    @Override
    public void answerUpstream(MediaPeer peer, int regionTag) {
        session.retarget(peer.rtp(), peer.rtcp(), regionTag, loop.clock().nanoTime());
    }

    @Override
    public void close() {
        session.close();
    }
}
