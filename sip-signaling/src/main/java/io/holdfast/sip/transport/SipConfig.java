package io.holdfast.sip.transport;

import io.holdfast.sip.parse.SipLimits;
import io.holdfast.sip.transaction.TransactionTimers;
import io.netty.util.NetUtil;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of the SIP stack: where it listens, what it writes in Via and Contact, its event loops and
 * its transaction timers. Immutable; validated when built.
 *
 * @param udpListen UDP address to bind (port 0 picks a free one), or {@code null} for no UDP
 * @param tcpListen TCP address to listen on (port 0 picks a free one), or {@code null} for no TCP server
 * @param advertisedHost host written in Via sent-by and Contact; required when a listen address is a wildcard
 * @param eventLoops number of event loops, at least 1 ({@link #DEFAULT_EVENT_LOOPS}: one per core)
 * @param ioMode epoll or NIO ({@link IoMode#AUTO}: epoll when available)
 * @param timers transaction timers T1, T2, T4...
 * @param tcpConnectTimeout how long an outgoing TCP connection may take
 * @param limits message size limits of the parser and framer
 */
public record SipConfig(InetSocketAddress udpListen, InetSocketAddress tcpListen, String advertisedHost,
                        int eventLoops, IoMode ioMode, TransactionTimers timers, Duration tcpConnectTimeout,
                        SipLimits limits) {
    public static final int DEFAULT_EVENT_LOOPS = Runtime.getRuntime().availableProcessors();
    public static final Duration DEFAULT_TCP_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    public SipConfig {
        if (udpListen == null && tcpListen == null) {
            throw new IllegalArgumentException("sip: at least one of udpListen and tcpListen must be set");
        }
        if (eventLoops < 1) {
            throw new IllegalArgumentException("sip.eventLoops must be at least 1, was " + eventLoops);
        }
        Objects.requireNonNull(ioMode, "ioMode");
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(tcpConnectTimeout, "tcpConnectTimeout");
        Objects.requireNonNull(limits, "limits");
        if (tcpConnectTimeout.isNegative() || tcpConnectTimeout.isZero()) {
            throw new IllegalArgumentException("sip.tcpConnectTimeout must be positive, was " + tcpConnectTimeout);
        }
        if (advertisedHost == null) {
            InetSocketAddress listen = udpListen != null ? udpListen : tcpListen;
            if (listen.getAddress() == null || listen.getAddress().isAnyLocalAddress()) {
                throw new IllegalArgumentException("sip.advertisedHost is required when listening on the wildcard "
                        + "address " + listen + ": set it to the address peers reach this host on");
            }
            advertisedHost = NetUtil.toAddressString(listen.getAddress());
        }
    }

    /** UDP and TCP on {@code address} (port 0 picks free ports), default loops, timers and timeouts. */
    public static SipConfig listeningOn(InetSocketAddress address) {
        return new SipConfig(address, address, null, DEFAULT_EVENT_LOOPS, IoMode.AUTO, TransactionTimers.DEFAULT,
                DEFAULT_TCP_CONNECT_TIMEOUT, SipLimits.DEFAULT);
    }

    public SipConfig withEventLoops(int loops) {
        return new SipConfig(udpListen, tcpListen, advertisedHost, loops, ioMode, timers, tcpConnectTimeout, limits);
    }

    public SipConfig withIoMode(IoMode mode) {
        return new SipConfig(udpListen, tcpListen, advertisedHost, eventLoops, mode, timers, tcpConnectTimeout, limits);
    }

    public SipConfig withTimers(TransactionTimers newTimers) {
        return new SipConfig(udpListen, tcpListen, advertisedHost, eventLoops, ioMode, newTimers, tcpConnectTimeout,
                limits);
    }
}
