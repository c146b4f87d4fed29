package io.holdfast.rtp.relay;

import io.holdfast.rtp.stats.MediaCounter;
import io.holdfast.rtp.stats.MediaCounters;
import io.netty.buffer.ByteBuf;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.BiConsumer;

/**
 * Writes a session's outgoing datagrams on a side's RTP or RTCP channel and flushes them at the end of a read
 * batch. A connected channel gets the bare buffer, sent at once by {@link DirectDatagramSend} while the loop keeps
 * pace, otherwise written and left for {@link #flush}; an unconnected one gets it in an envelope to the latch's
 * target. Drops are counted, never queued. Confined to the session's loop.
 */
final class EndpointSender {

    private final MediaCounters counters;
    private final LoopPace pace;
    private final BiConsumer<MediaEndpoint, Throwable> onError;

    /**
     * @param onError where a failed direct send goes, as a channel exception on that endpoint would
     */
    EndpointSender(MediaCounters counters, LoopPace pace, BiConsumer<MediaEndpoint, Throwable> onError) {
        this.counters = counters;
        this.pace = pace;
        this.onError = onError;
    }

    /**
     * Sends or writes {@code buf} on {@code to}'s RTP channel, or its RTCP channel when {@code rtcp} and not muxed.
     * Takes ownership of {@code buf}.
     *
     * @param noTarget the counter of a datagram dropped for want of a channel or a target
     * @return whether the datagram was sent or written
     */
    boolean send(MediaEndpoint to, boolean rtcp, ByteBuf buf, MediaCounter noTarget) {
        final boolean rtcpChannel = rtcp && !to.muxed();
        final DatagramChannel channel = rtcpChannel ? to.rtcpChannel : to.rtpChannel;
        if (channel == null) {
            buf.release();
            counters.increment(noTarget);
            return false;
        }
        if (!channel.isWritable()) {
            buf.release();
            counters.increment(MediaCounter.MEDIA_DROPPED_NOT_WRITABLE);
            return false;
        }
        if ((rtcpChannel ? to.rtcpConnectedTo : to.rtpConnectedTo) != null) {
            if (!pace.behind()) {
                try {
                    switch (DirectDatagramSend.trySend(channel, buf)) {
                        case SENT:
                            return true;
                        case DROPPED_BUFFER_FULL:
                            counters.increment(MediaCounter.MEDIA_DROPPED_NOT_WRITABLE);
                            return false;
                        default:
                            break;
                    }
                } catch (IOException e) {
                    onError.accept(to, e);
                    return false;
                }
            }
            channel.write(buf, channel.voidPromise());
        } else {
            final InetSocketAddress target = (rtcpChannel ? to.rtcpLatch : to.rtpLatch).target();
            if (target == null) {
                buf.release();
                counters.increment(noTarget);
                return false;
            }
            channel.write(new DatagramPacket(buf, target), channel.voidPromise());
        }
        if (rtcpChannel) {
            to.rtcpFlushPending = true;
        } else {
            to.rtpFlushPending = true;
        }
        return true;
    }

    /** Flushes what was written on {@code endpoint}'s channels since its last flush. */
    static void flush(MediaEndpoint endpoint) {
        if (endpoint.rtpFlushPending) {
            endpoint.rtpFlushPending = false;
            endpoint.rtpChannel.flush();
        }
        if (endpoint.rtcpFlushPending) {
            endpoint.rtcpFlushPending = false;
            endpoint.rtcpChannel.flush();
        }
    }
}
