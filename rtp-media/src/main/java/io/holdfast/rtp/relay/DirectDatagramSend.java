package io.holdfast.rtp.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.UnixChannel;
import java.io.IOException;

/**
 * Sends one datagram on a connected native (epoll) media channel with a single {@code send} syscall, straight from
 * the forward path, instead of queueing it in the channel's outbound buffer and flushing it through the pipeline.
 *
 * <p>Why: a media port carries one stream, so while the loop keeps pace each read batch forwards one datagram and
 * the channel's write path (pipeline walk, outbound-buffer entry, flush, {@code doWrite}, entry removal) buys
 * nothing, yet it was about a tenth of the relay loop's own CPU time per packet ({@code perf}, see
 * {@code benchmarks/RESULTS.md}). It is taken only when nothing is queued on the channel, so datagrams still leave
 * in the order they were written; everything else (unconnected channels, NIO, buffers without a memory address, a
 * loop that is catching up and batches its backlog into one {@code sendmmsg}) goes through the channel as before.
 *
 * <p>A full socket send buffer ({@code EAGAIN}) drops the datagram, as the channel path does when it is not
 * writable: a relay never queues media. Errors are thrown to the caller, which reports them like a channel
 * exception (ICMP port unreachable arrives here as {@code ECONNREFUSED}).
 */
final class DirectDatagramSend {

    /** What became of a datagram offered to {@link #trySend}. */
    enum Result {
        /** Sent; the buffer was released. */
        SENT,
        /** The socket's send buffer was full: dropped; the buffer was released. */
        DROPPED_BUFFER_FULL,
        /** Not taken: the caller still owns the buffer and writes it through the channel. */
        NOT_TAKEN
    }

    private DirectDatagramSend() {
    }

    /**
     * Sends {@code buf} on {@code channel}, connected to its remote, when the direct path applies. Takes ownership
     * of {@code buf} unless the result is {@link Result#NOT_TAKEN}; on an exception the buffer has been released.
     *
     * @throws IOException the send failed (the datagram is lost)
     */
    static Result trySend(DatagramChannel channel, ByteBuf buf) throws IOException {
        if (!(channel instanceof UnixChannel unix) || !(unix.fd() instanceof Socket socket)
                || !buf.hasMemoryAddress()) {
            return Result.NOT_TAKEN;
        }
        final ChannelOutboundBuffer queued = channel.unsafe().outboundBuffer();
        // Counts written but not yet flushed messages too (isEmpty() only sees flushed ones).
        if (queued == null || queued.totalPendingWriteBytes() != 0) {
            return Result.NOT_TAKEN;
        }
        try {
            final int sent = socket.sendAddress(buf.memoryAddress(), buf.readerIndex(), buf.writerIndex());
            return sent > 0 || !buf.isReadable() ? Result.SENT : Result.DROPPED_BUFFER_FULL;
        } finally {
            buf.release();
        }
    }
}
