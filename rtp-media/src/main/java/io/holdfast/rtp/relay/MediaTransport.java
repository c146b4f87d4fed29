package io.holdfast.rtp.relay;

import io.netty.channel.ChannelFactory;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The Netty transport media channels use: native epoll on Linux, NIO elsewhere. The event loops that own media
 * sessions must be built from the same transport's {@link #ioHandlerFactory()}.
 */
public enum MediaTransport {
    /** Native epoll (Linux). */
    EPOLL {
        @Override
        public IoHandlerFactory ioHandlerFactory() {
            return EpollIoHandler.newFactory();
        }

        @Override
        public ChannelFactory<DatagramChannel> channelFactory(InetAddress bindAddress) {
            final SocketProtocolFamily family = familyOf(bindAddress);
            return () -> new EpollDatagramChannel(family);
        }
    },
    /** Java NIO (any platform). */
    NIO {
        @Override
        public IoHandlerFactory ioHandlerFactory() {
            return NioIoHandler.newFactory();
        }

        @Override
        public ChannelFactory<DatagramChannel> channelFactory(InetAddress bindAddress) {
            final SocketProtocolFamily family = familyOf(bindAddress);
            return () -> new NioDatagramChannel(family);
        }
    };

    /** Returns epoll when the native transport loads, NIO otherwise. */
    public static MediaTransport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    /** Returns the factory of I/O handlers for event loops that will own media channels. */
    public abstract IoHandlerFactory ioHandlerFactory();

    /** Returns a factory of datagram channels of the bind address's family. */
    public abstract ChannelFactory<DatagramChannel> channelFactory(InetAddress bindAddress);

    private static SocketProtocolFamily familyOf(InetAddress address) {
        return address instanceof Inet6Address ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
    }
}
