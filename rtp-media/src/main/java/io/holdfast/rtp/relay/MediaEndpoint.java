package io.holdfast.rtp.relay;

import io.netty.channel.socket.DatagramChannel;
import java.net.InetSocketAddress;

/**
 * One side of a media session: its RTP channel (and RTCP channel unless rtcp-mux), the latches of the remote
 * addresses, the stream arriving on it, and the flags of what must be flushed. Confined to the session's loop.
 */
final class MediaEndpoint {

    final MediaSide side;
    final RemoteLatch rtpLatch;
    final RemoteLatch rtcpLatch;
    final MediaStream inbound;
    int rtpPort = PortAllocator.EXHAUSTED;
    DatagramChannel rtpChannel;
    DatagramChannel rtcpChannel;
    InetSocketAddress rtpConnectedTo;
    InetSocketAddress rtcpConnectedTo;
    boolean rtpFlushPending;
    boolean rtcpFlushPending;
    boolean unreachableReported;
    boolean errorLogged;

    MediaEndpoint(MediaSide side, RemoteLatch rtpLatch, RemoteLatch rtcpLatch, MediaStream inbound) {
        this.side = side;
        this.rtpLatch = rtpLatch;
        this.rtcpLatch = rtcpLatch;
        this.inbound = inbound;
    }

    /** Returns whether RTCP shares the RTP port (then {@link #rtcpLatch} is {@link #rtpLatch}). */
    boolean muxed() {
        return rtcpLatch == rtpLatch;
    }
}
