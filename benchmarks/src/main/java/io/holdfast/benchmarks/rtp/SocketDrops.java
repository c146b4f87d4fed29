package io.holdfast.benchmarks.rtp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Datagrams the kernel dropped on arrival at a process's UDP sockets (receive buffer full): the {@code drops} column
 * of Linux's {@code /proc/net/udp} and {@code /proc/net/udp6}, summed over the sockets whose inodes the process holds
 * open ({@code /proc/PID/fd}). Sampled after a run it says where lost packets were lost: at the relay's ports (the
 * relay did not read in time) or at the harness's receiving sockets (the receiver did not). -1 where the files do not
 * exist (not Linux). Used from the harness's main thread.
 */
final class SocketDrops {

    private static final String SOCKET_LINK_PREFIX = "socket:[";
    private static final int INODE_COLUMN = 9;
    private static final int DROPS_COLUMN = 12;

    private SocketDrops() {
    }

    /** Returns the datagrams dropped at the UDP sockets of process {@code pid} since they were opened, or -1. */
    static long of(long pid) {
        final Set<Long> inodes = socketInodes(pid);
        if (inodes == null) {
            return -1;
        }
        long drops = 0;
        for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
            final List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(table));
            } catch (IOException | UncheckedIOException e) {
                continue;
            }
            for (int i = 1; i < lines.size(); i++) {
                final String[] columns = lines.get(i).trim().split("\\s+");
                if (columns.length > DROPS_COLUMN && inodes.contains(parseOrMinusOne(columns[INODE_COLUMN]))) {
                    drops += Math.max(0, parseOrMinusOne(columns[DROPS_COLUMN]));
                }
            }
        }
        return drops;
    }

    /** Returns the inodes of the sockets process {@code pid} holds open, or null if they cannot be read. */
    private static Set<Long> socketInodes(long pid) {
        final Path fds = Path.of("/proc", Long.toString(pid), "fd");
        if (!Files.isDirectory(fds)) {
            return null;
        }
        final Set<Long> inodes = new HashSet<>();
        try (DirectoryStream<Path> links = Files.newDirectoryStream(fds)) {
            for (Path link : links) {
                final String target;
                try {
                    target = Files.readSymbolicLink(link).toString();
                } catch (IOException e) {
                    continue;
                }
                if (target.startsWith(SOCKET_LINK_PREFIX) && target.endsWith("]")) {
                    inodes.add(parseOrMinusOne(target.substring(SOCKET_LINK_PREFIX.length(), target.length() - 1)));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
        return inodes;
    }

    private static long parseOrMinusOne(String number) {
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
