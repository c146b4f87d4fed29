package io.holdfast.rtp.relay;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/** A plain UDP socket on 127.0.0.1 playing a caller, a region or an attacker in integration tests. */
final class UdpPeer implements AutoCloseable {

    private final DatagramSocket socket;

    UdpPeer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void send(byte[] datagram, int port) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
    }

    /** Returns the next datagram, or null when none arrives within {@code timeoutMs}. */
    byte[] receive(int timeoutMs) throws IOException {
        final byte[] buffer = new byte[2048];
        final DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.setSoTimeout(timeoutMs);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return Arrays.copyOf(buffer, packet.getLength());
    }

    /** Returns an address on 127.0.0.1 where nothing listens (a port bound and released at once). */
    static InetSocketAddress closedAddress() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return (InetSocketAddress) probe.getLocalSocketAddress();
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
