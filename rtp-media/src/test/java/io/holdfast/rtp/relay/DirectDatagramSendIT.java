package io.holdfast.rtp.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.unix.Errors;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The direct send on real connected sockets over loopback (epoll, which holdfast's Linux hosts run). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DirectDatagramSendIT {

    private static final int RECEIVE_TIMEOUT_MS = 2000;

    private final List<UdpPeer> peers = new ArrayList<>();
    private final List<EventLoopGroup> groups = new ArrayList<>();

    @AfterEach
    void stop() {
        groups.forEach(group -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly());
        peers.forEach(UdpPeer::close);
    }

    @Test
    void shouldSendAtOnceWhenTheChannelIsConnectedAndNothingIsQueued() throws Exception {
        final UdpPeer peer = peer();
        final DatagramChannel channel = connectedChannel(MediaTransport.EPOLL, peer.address());
        final ByteBuf buf = direct("one");

        final DirectDatagramSend.Result result = onLoop(channel, () -> DirectDatagramSend.trySend(channel, buf));

        assertThat(result).isEqualTo(DirectDatagramSend.Result.SENT);
        assertThat(buf.refCnt()).isZero();
        assertThat(text(peer.receive(RECEIVE_TIMEOUT_MS))).isEqualTo("one");
    }

    @Test
    void shouldLeaveTheBufferToTheChannelWhenSomethingIsQueuedSoThatOrderIsKept() throws Exception {
        final UdpPeer peer = peer();
        final DatagramChannel channel = connectedChannel(MediaTransport.EPOLL, peer.address());
        final ByteBuf second = direct("second");

        final DirectDatagramSend.Result result = onLoop(channel, () -> {
            channel.write(direct("first"), channel.voidPromise());
            final DirectDatagramSend.Result taken = DirectDatagramSend.trySend(channel, second);
            channel.write(second, channel.voidPromise());
            channel.flush();
            return taken;
        });

        assertThat(result).isEqualTo(DirectDatagramSend.Result.NOT_TAKEN);
        assertThat(text(peer.receive(RECEIVE_TIMEOUT_MS))).isEqualTo("first");
        assertThat(text(peer.receive(RECEIVE_TIMEOUT_MS))).isEqualTo("second");
    }

    @Test
    void shouldLeaveHeapBuffersToTheChannel() throws Exception {
        assertNotTaken(MediaTransport.EPOLL, Unpooled.copiedBuffer("heap", StandardCharsets.US_ASCII));
    }

    @Test
    void shouldLeaveNioChannelsToTheChannelPath() throws Exception {
        assertNotTaken(MediaTransport.NIO, direct("nio"));
    }

    @Test
    void shouldThrowConnectionRefusedAndReleaseWhenTheRemotePortIsClosed() throws Exception {
        final DatagramChannel channel = connectedChannel(MediaTransport.EPOLL, UdpPeer.closedAddress());
        final List<ByteBuf> sent = new ArrayList<>();

        // The first send succeeds; the ICMP port unreachable it draws fails a later one.
        final Throwable failure = onLoop(channel, () -> {
            for (int attempt = 0; attempt < 50; attempt++) {
                final ByteBuf buf = direct("probe");
                sent.add(buf);
                final Throwable thrown = catchThrowable(() -> DirectDatagramSend.trySend(channel, buf));
                if (thrown != null) {
                    return thrown;
                }
                TimeUnit.MILLISECONDS.sleep(2);
            }
            return null;
        });

        assertThat(failure).isInstanceOf(Errors.NativeIoException.class);
        assertThat(((Errors.NativeIoException) failure).expectedErr()).isEqualTo(Errors.ERROR_ECONNREFUSED_NEGATIVE);
        assertThat(sent).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
    }

    /** Offers {@code buf} on a connected channel of {@code transport}: it must stay the caller's, unsent. */
    private void assertNotTaken(MediaTransport transport, ByteBuf buf) throws Exception {
        final DatagramChannel channel = connectedChannel(transport, peer().address());

        final DirectDatagramSend.Result result = onLoop(channel, () -> DirectDatagramSend.trySend(channel, buf));

        assertThat(result).isEqualTo(DirectDatagramSend.Result.NOT_TAKEN);
        assertThat(buf.refCnt()).isEqualTo(1);
        buf.release();
    }

    private UdpPeer peer() throws IOException {
        final UdpPeer peer = new UdpPeer();
        peers.add(peer);
        return peer;
    }

    private DatagramChannel connectedChannel(MediaTransport transport, InetSocketAddress remote) {
        if (transport == MediaTransport.EPOLL) {
            assertThat(Epoll.isAvailable()).as("native epoll on this Linux host: %s", Epoll.unavailabilityCause())
                    .isTrue();
        }
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        groups.add(group);
        final InetAddress loopback = InetAddress.getLoopbackAddress();
        final DatagramChannel channel = (DatagramChannel) new Bootstrap()
                .group(group)
                .channelFactory(transport.channelFactory(loopback))
                .handler(new ChannelInboundHandlerAdapter())
                .bind(new InetSocketAddress(loopback, 0)).syncUninterruptibly().channel();
        channel.connect(remote).syncUninterruptibly();
        return channel;
    }

    private static <T> T onLoop(DatagramChannel channel, Callable<T> task) throws Exception {
        return channel.eventLoop().submit(task).get(10, TimeUnit.SECONDS);
    }

    private static ByteBuf direct(String text) {
        final ByteBuf buf = ByteBufAllocator.DEFAULT.directBuffer();
        buf.writeCharSequence(text, StandardCharsets.US_ASCII);
        return buf;
    }

    private static String text(byte[] datagram) {
        assertThat(datagram).as("a datagram within %d ms", RECEIVE_TIMEOUT_MS).isNotNull();
        return new String(datagram, StandardCharsets.US_ASCII);
    }
}
