package io.holdfast.relay.call;

import io.holdfast.relay.config.PortRange;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A block of UDP ports for a many-call test's media, outside the kernel's ephemeral range (32768 and up on
 * Linux) and below holdfast's default 30000-30999: port-0 sockets of other tests never land in it, which the
 * OS-chosen media mode cannot promise over hundreds of ports (it probes a free port, then binds it). Every
 * port of the block is checked free when it is chosen.
 */
final class FreePortBlock {
    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 29_998;
    private static final int ATTEMPTS = 50;

    private FreePortBlock() {
    }

    static PortRange of(int size) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST - size) & ~1;
            if (allFree(loopback, first, first + size - 1)) {
                return new PortRange(first, first + size - 1);
            }
        }
        throw new AssertionError("no block of " + size + " free UDP ports between " + LOWEST + " and " + HIGHEST);
    }

    private static boolean allFree(InetAddress address, int first, int last) {
        for (int port = first; port <= last; port++) {
            try {
                new DatagramSocket(new InetSocketAddress(address, port)).close();
            } catch (SocketException inUse) {
                return false;
            }
        }
        return true;
    }
}
