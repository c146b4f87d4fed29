package io.holdfast.sip.sdp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The line edits behind the {@code with*} methods of {@link SessionDescription}. Each edit copies
 * the list of lines, replaces, inserts or removes only the lines it must (working from the bottom
 * of the description up, so that earlier indices stay valid), and parses the result again so that
 * the typed view always matches the bytes.
 */
final class SdpRewriter {
    private static final String RTCP_PREFIX = "a=rtcp:";

    private SdpRewriter() {
    }

    static SessionDescription mediaAddress(SessionDescription sd, int mediaIndex, InetSocketAddress rtp,
                                           InetSocketAddress rtcp) {
        requireResolved(rtp, "rtp");
        MediaDescription m = sd.media(mediaIndex);
        if (rtcp != null) {
            requireResolved(rtcp, "rtcp");
        }
        List<byte[]> lines = new ArrayList<>(sd.rawLines());
        Connection target = Connection.of(rtp.getAddress());

        rewriteRtcp(lines, m, rtp, rtcp);
        List<Integer> mediaConnections = indicesOf(lines, m.firstLine() + 1, m.endLine(), 'c');
        if (!mediaConnections.isEmpty()) {
            for (int k = mediaConnections.size() - 1; k > 0; k--) {
                lines.remove((int) mediaConnections.get(k));
            }
            lines.set(mediaConnections.get(0), line("c=" + target.toSdpValue()));
        } else if (!sameAddress(sd.connection(), target)) {
            if (otherStreamUsesSessionConnection(sd, mediaIndex)) {
                int at = m.firstLine() + 1;
                if (at < m.endLine() && lines.get(at)[0] == 'i') {
                    at++;
                }
                lines.add(at, line("c=" + target.toSdpValue()));
            } else {
                int sessionConnection = indicesOf(lines, 0, sd.media().isEmpty() ? lines.size()
                        : sd.media(0).firstLine(), 'c').get(0);
                lines.set(sessionConnection, line("c=" + target.toSdpValue()));
            }
        }
        lines.set(m.firstLine(), line(withPort(text(lines.get(m.firstLine())), rtp.getPort())));
        return reparse(lines);
    }

    /**
     * With {@code rtcp} null, RTCP keeps the relation to RTP the description had: an {@code a=rtcp:}
     * port equal to the old RTP port follows the new RTP port, any other becomes the new RTP port
     * plus one; its address, if it names one, becomes the RTP address; no line is added. With an
     * explicit {@code rtcp}, the {@code a=rtcp:} line is set to it, or added when the implicit
     * place (the RTP port with rtcp-mux, else the next one, on the RTP address) differs.
     */
    private static void rewriteRtcp(List<byte[]> lines, MediaDescription m, InetSocketAddress rtp,
                                    InetSocketAddress rtcp) {
        RtcpAttribute existing = m.rtcp();
        if (rtcp == null) {
            if (existing != null) {
                int port = existing.port() == m.port() || rtp.getPort() == 0 ? rtp.getPort() : rtp.getPort() + 1;
                Connection address = existing.connection() == null ? null : Connection.of(rtp.getAddress());
                lines.set(indexOfAttribute(lines, m, "rtcp"), line(RTCP_PREFIX + new RtcpAttribute(port, address)
                        .toSdpValue()));
            }
            return;
        }
        boolean sameHost = rtcp.getAddress().equals(rtp.getAddress());
        Connection rtcpConnection = Connection.of(rtcp.getAddress());
        if (existing != null) {
            boolean withAddress = existing.connection() != null || !sameHost;
            lines.set(indexOfAttribute(lines, m, "rtcp"), line(RTCP_PREFIX
                    + new RtcpAttribute(rtcp.getPort(), withAddress ? rtcpConnection : null).toSdpValue()));
            return;
        }
        int implicitPort = m.rtcpMux() ? rtp.getPort() : rtp.getPort() + 1;
        if (!sameHost || rtcp.getPort() != implicitPort) {
            lines.add(m.endLine(), line(RTCP_PREFIX
                    + new RtcpAttribute(rtcp.getPort(), sameHost ? null : rtcpConnection).toSdpValue()));
        }
    }

    static SessionDescription connectionAddress(SessionDescription sd, InetAddress address) {
        Objects.requireNonNull(address, "address");
        List<byte[]> lines = new ArrayList<>(sd.rawLines());
        String connectionLine = "c=" + Connection.of(address).toSdpValue();
        List<MediaDescription> media = sd.media();
        for (int k = media.size() - 1; k >= 0; k--) {
            MediaDescription m = media.get(k);
            if (m.rtcp() != null && m.rtcp().connection() != null) {
                int at = indexOfAttribute(lines, m, "rtcp");
                lines.set(at, line(RTCP_PREFIX + new RtcpAttribute(m.rtcp().port(), Connection.of(address)).toSdpValue()));
            }
            List<Integer> connections = indicesOf(lines, m.firstLine() + 1, m.endLine(), 'c');
            for (int c = connections.size() - 1; c > 0; c--) {
                lines.remove((int) connections.get(c));
            }
            if (!connections.isEmpty()) {
                lines.set(connections.get(0), line(connectionLine));
            }
        }
        int sessionEnd = media.isEmpty() ? lines.size() : media.get(0).firstLine();
        for (int at : indicesOf(lines, 0, sessionEnd, 'c')) {
            lines.set(at, line(connectionLine));
        }
        return reparse(lines);
    }

    static SessionDescription origin(SessionDescription sd, Origin origin) {
        Objects.requireNonNull(origin, "origin");
        List<byte[]> lines = new ArrayList<>(sd.rawLines());
        lines.set(1, line("o=" + origin.toSdpValue()));
        return reparse(lines);
    }

    /** The {@code s=} line is the third of every description (RFC 8866 §5: v=, o=, s= in that order). */
    static SessionDescription sessionName(SessionDescription sd, String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an s= text is one non-empty line without NUL: " + name);
        }
        List<byte[]> lines = new ArrayList<>(sd.rawLines());
        lines.set(2, line("s=" + name));
        return reparse(lines);
    }

    static SessionDescription direction(SessionDescription sd, int mediaIndex, Direction direction) {
        Objects.requireNonNull(direction, "direction");
        MediaDescription m = sd.media(mediaIndex);
        List<byte[]> lines = new ArrayList<>(sd.rawLines());
        if (m.direction() != null) {
            lines.set(indexOfAttribute(lines, m, m.direction().token()), line("a=" + direction.token()));
        } else if (sd.direction(m) != direction) {
            lines.add(m.endLine(), line("a=" + direction.token()));
        } else {
            return sd;
        }
        return reparse(lines);
    }

    static SessionDescription removeMediaAttributes(SessionDescription sd, int mediaIndex, String name) {
        MediaDescription m = sd.media(mediaIndex);
        List<byte[]> lines = new ArrayList<>(sd.rawLines());
        boolean removed = false;
        for (int i = m.endLine() - 1; i > m.firstLine(); i--) {
            if (attributeName(lines.get(i)).equals(name)) {
                lines.remove(i);
                removed = true;
            }
        }
        return removed ? reparse(lines) : sd;
    }

    private static void requireResolved(InetSocketAddress address, String what) {
        Objects.requireNonNull(address, what);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException(what + " address must be an IP address: " + address);
        }
    }

    private static boolean sameAddress(Connection a, Connection b) {
        return a != null && a.addressType() == b.addressType() && a.address().equals(b.address());
    }

    private static boolean otherStreamUsesSessionConnection(SessionDescription sd, int mediaIndex) {
        for (MediaDescription other : sd.media()) {
            if (other.index() != mediaIndex && other.connections().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The {@code m=} line text with its port replaced, keeping any {@code /<number of ports>}. */
    private static String withPort(String mLine, int port) {
        int first = mLine.indexOf(' ');
        int second = mLine.indexOf(' ', first + 1);
        String portField = mLine.substring(first + 1, second);
        int slash = portField.indexOf('/');
        String suffix = slash < 0 ? "" : portField.substring(slash);
        return mLine.substring(0, first + 1) + port + suffix + mLine.substring(second);
    }

    private static List<Integer> indicesOf(List<byte[]> lines, int from, int to, char type) {
        List<Integer> found = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (lines.get(i)[0] == type) {
                found.add(i);
            }
        }
        return found;
    }

    private static int indexOfAttribute(List<byte[]> lines, MediaDescription m, String name) {
        for (int i = m.firstLine() + 1; i < m.endLine(); i++) {
            if (attributeName(lines.get(i)).equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("a=" + name + " not found in media description " + m.index());
    }

    /** The attribute name of an {@code a=} line, or "" for any other line. */
    private static String attributeName(byte[] line) {
        if (line[0] != 'a') {
            return "";
        }
        String value = text(line).substring(2);
        int colon = value.indexOf(':');
        return SdpFields.stripTrailingBlanks(colon < 0 ? value : value.substring(0, colon));
    }

    private static String text(byte[] line) {
        return new String(line, StandardCharsets.UTF_8);
    }

    private static byte[] line(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static SessionDescription reparse(List<byte[]> lines) {
        try {
            return SdpParser.parseLines(lines);
        } catch (SdpParseException e) {
            throw new IllegalStateException("rewrite produced an invalid description", e);
        }
    }
}
