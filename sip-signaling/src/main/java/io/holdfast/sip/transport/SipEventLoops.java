package io.holdfast.sip.transport;

import io.netty.channel.EventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The stack's event-loop group: native epoll on Linux when available, NIO elsewhere (or when asked), with
 * the matching channel classes. Loops are numbered 0..n-1; the number goes into branches so responses find
 * their owner. Immutable after construction; any thread.
 */
final class SipEventLoops {
    private final MultiThreadIoEventLoopGroup group;
    private final List<EventLoop> loops;
    private final boolean epoll;

    private SipEventLoops(MultiThreadIoEventLoopGroup group, boolean epoll) {
        this.group = group;
        this.epoll = epoll;
        List<EventLoop> all = new ArrayList<>();
        for (EventExecutor executor : group) {
            all.add((EventLoop) executor);
        }
        this.loops = List.copyOf(all);
    }

    /**
     * @param threads number of loops, at least 1
     * @throws IllegalStateException when {@link IoMode#EPOLL} is asked for and not available
     */
    static SipEventLoops create(int threads, IoMode mode) {
        boolean useEpoll = switch (mode) {
            case AUTO -> Epoll.isAvailable();
            case EPOLL -> {
                if (!Epoll.isAvailable()) {
                    throw new IllegalStateException("sip.ioMode EPOLL requested but epoll is not available: "
                            + Epoll.unavailabilityCause() + "; use AUTO or NIO");
                }
                yield true;
            }
            case NIO -> false;
        };
        IoHandlerFactory factory = useEpoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        DefaultThreadFactory threadFactory = new DefaultThreadFactory("holdfast-sip", true);
        return new SipEventLoops(new MultiThreadIoEventLoopGroup(threads, threadFactory, factory), useEpoll);
    }

    MultiThreadIoEventLoopGroup group() {
        return group;
    }

    boolean epoll() {
        return epoll;
    }

    int size() {
        return loops.size();
    }

    EventLoop loop(int index) {
        return loops.get(index);
    }

    Class<? extends DatagramChannel> datagramChannelClass() {
        return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    Class<? extends SocketChannel> socketChannelClass() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    Class<? extends ServerSocketChannel> serverSocketChannelClass() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    Future<?> shutdownGracefully() {
        return group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
}
