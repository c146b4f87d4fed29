package io.holdfast.benchmarks.sim;

import io.holdfast.sip.transport.IoMode;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The one event loop of a simulated party: every call, RTP channel and timer of the party lives here. Native
 * epoll on Linux, NIO elsewhere; both report ICMP port unreachable on a connected datagram channel as a
 * {@link java.net.PortUnreachableException}. Epoll is preferred because connecting keeps what is already in
 * the socket's receive buffer, where the JDK's NIO connect discards it (packets that arrive between the 200 OK
 * and the connect would be lost). Thread-safe.
 */
final class SimLoop implements AutoCloseable {
    private static final long SHUTDOWN_TIMEOUT_MS = 2_000;

    private final MultiThreadIoEventLoopGroup group;
    private final EventLoop loop;
    private final boolean epoll;

    /**
     * @throws IllegalStateException when {@link IoMode#EPOLL} is asked for and not available
     */
    SimLoop(String threadName, IoMode mode) {
        this.epoll = switch (mode) {
            case AUTO -> Epoll.isAvailable();
            case NIO -> false;
            case EPOLL -> {
                if (!Epoll.isAvailable()) {
                    throw new IllegalStateException("epoll is not available: " + Epoll.unavailabilityCause());
                }
                yield true;
            }
        };
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(threadName, true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        this.loop = group.next();
    }

    EventLoop loop() {
        return loop;
    }

    /** Runs {@code task} on the loop: now when already there, else queued. */
    void run(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    /** Binds a UDP channel on a free port of {@code address}, registered on this loop. */
    ChannelFuture bindRtp(InetAddress address, ChannelHandler handler) {
        return new Bootstrap().group(loop).channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .handler(handler)
                .bind(new InetSocketAddress(address, 0));
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS * 2);
    }
}
