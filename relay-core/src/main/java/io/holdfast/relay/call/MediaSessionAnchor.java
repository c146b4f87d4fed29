package io.holdfast.relay.call;

import io.holdfast.rtp.prompt.Prompt;
import io.holdfast.rtp.prompt.PromptCodec;
import io.holdfast.rtp.prompt.PromptPlayer;
import io.holdfast.rtp.prompt.PromptTicker;
import io.holdfast.rtp.relay.CallerPromptSink;
import io.holdfast.rtp.relay.MediaLoop;
import io.holdfast.rtp.relay.MediaSession;
import io.holdfast.rtp.relay.MediaSide;

/**
 * A {@link MediaAnchor} on an open {@link MediaSession} of the call's media loop, with the call's prompt
 * player on the loop's {@link PromptTicker} (made on the first prompt). Confined to that loop.
 */
final class MediaSessionAnchor implements MediaAnchor {
    private final MediaSession session;
    private final MediaLoop loop;
    private final PromptTicker ticker;
    private CallerPromptSink sink;
    private PromptPlayer player;
    private PromptCodec playerCodec;
    private long passesBefore;

    MediaSessionAnchor(MediaSession session, MediaLoop loop, PromptTicker ticker) {
        this.session = session;
        this.loop = loop;
        this.ticker = ticker;
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
        session.forwarding(MediaSide.CALLER, true);
    }

    @Override
    public void relaying(boolean enabled) {
        session.forwarding(MediaSide.UPSTREAM, enabled);
        session.forwarding(MediaSide.CALLER, enabled);
    }

    @Override
    public long lastUpstreamArrivalNs() {
        return session.stream(MediaSide.UPSTREAM).stats().lastArrivalNs();
    }

    @Override
    public boolean startPrompt(Prompt prompt, int payloadType) {
        PromptCodec codec = PromptCodec.forPayloadType(payloadType);
        if (codec == null || session.state() != MediaSession.State.OPEN) {
            return false;
        }
        if (player == null || codec != playerCodec) {
            if (player != null) {
                player.stop();
                sink.close();
                passesBefore += player.passesCompleted();
            }
            sink = new CallerPromptSink(session, codec);
            player = new PromptPlayer(sink, ticker);
            playerCodec = codec;
        }
        player.startNow(prompt.encoded(codec), ticker.nowNs());
        return true;
    }

    @Override
    public void stopPrompt() {
        if (player != null) {
            player.stop();
        }
    }

    @Override
    public int promptFramesLeft() {
        return player == null ? 0 : player.framesLeftInPass();
    }

    @Override
    public long promptPasses() {
        return passesBefore + (player == null ? 0 : player.passesCompleted());
    }

    @Override
    public void close() {
        stopPrompt();
        if (sink != null) {
            sink.close();
        }
        session.close();
    }
}
