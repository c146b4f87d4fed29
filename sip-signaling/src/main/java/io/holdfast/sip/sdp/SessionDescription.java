package io.holdfast.sip.sdp;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A parsed SDP session description (RFC 8866) that keeps every line exactly as received, in order,
 * next to the typed values holdfast acts on. The {@code with*} methods return a new description in
 * which only the lines they must change differ (the rest is byte-identical), so that what passes
 * through a B2BUA is what came in except for the media addresses, ports, direction and origin.
 *
 * <p>{@link #toBytes()} ends every line with CRLF, as RFC 8866 §5 requires of writers: a
 * description received with CRLF and not rewritten comes out byte for byte as it came in; one
 * received with bare LF comes out with the same line contents and CRLF endings. Empty lines after
 * the last line are not kept.
 *
 * <p>Immutable: safe to share between threads once built.
 */
public final class SessionDescription {
    private static final byte[] CRLF = {'\r', '\n'};

    private final List<byte[]> lines;
    private final byte[] bytes;
    private final Origin origin;
    private final String sessionName;
    private final Connection connection;
    private final List<Bandwidth> bandwidths;
    private final List<Timing> timings;
    private final List<Attribute> attributes;
    private final Direction direction;
    private final List<MediaDescription> media;

    /** What the parser found at session level. */
    static final class Parts {
        Origin origin;
        String sessionName;
        Connection connection;
        final List<Bandwidth> bandwidths = new ArrayList<>();
        final List<Timing> timings = new ArrayList<>();
        final List<Attribute> attributes = new ArrayList<>();
        Direction direction;
        List<MediaDescription> media;
    }

    SessionDescription(List<byte[]> lines, Parts parts) {
        this.lines = Collections.unmodifiableList(new ArrayList<>(lines));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            out.writeBytes(line);
            out.writeBytes(CRLF);
        }
        this.bytes = out.toByteArray();
        this.origin = parts.origin;
        this.sessionName = parts.sessionName;
        this.connection = parts.connection;
        this.bandwidths = List.copyOf(parts.bandwidths);
        this.timings = List.copyOf(parts.timings);
        this.attributes = List.copyOf(parts.attributes);
        this.direction = parts.direction;
        this.media = List.copyOf(parts.media);
    }

    /**
     * Parses a description, e.g. the body of an INVITE.
     *
     * @throws SdpParseException naming the line, its type and what is wrong
     */
    public static SessionDescription parse(byte[] sdp) throws SdpParseException {
        return SdpParser.parse(sdp);
    }

    /** Parses a description given as text (encoded to UTF-8 first). */
    public static SessionDescription parse(String sdp) throws SdpParseException {
        return SdpParser.parse(sdp.getBytes(StandardCharsets.UTF_8));
    }

    public Origin origin() {
        return origin;
    }

    /** The {@code s=} text, possibly a single space or {@code -}. */
    public String sessionName() {
        return sessionName;
    }

    /** The session-level {@code c=} line, or {@code null}. */
    public Connection connection() {
        return connection;
    }

    /** The session-level {@code b=} lines. */
    public List<Bandwidth> bandwidths() {
        return bandwidths;
    }

    /** The {@code t=} lines; at least one. */
    public List<Timing> timings() {
        return timings;
    }

    /** The session-level {@code a=} lines, in order. */
    public List<Attribute> attributes() {
        return attributes;
    }

    /** The first session-level attribute named {@code name} (case-sensitive), or {@code null}. */
    public Attribute attribute(String name) {
        for (Attribute a : attributes) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** The session-level direction attribute, or {@code null}. */
    public Direction direction() {
        return direction;
    }

    /** The media descriptions, in {@code m=} order. */
    public List<MediaDescription> media() {
        return media;
    }

    /** The media description at {@code index} (from 0). */
    public MediaDescription media(int index) {
        return media.get(index);
    }

    /** The first {@code audio} media description, or {@code null}. */
    public MediaDescription audio() {
        for (MediaDescription m : media) {
            if (m.isAudio()) {
                return m;
            }
        }
        return null;
    }

    /** The connection of a stream: its own first {@code c=} line, else the session-level one. */
    public Connection connectionFor(MediaDescription m) {
        return m.connections().isEmpty() ? connection : m.connections().get(0);
    }

    /**
     * The direction of a stream (RFC 8866 §6.7): its own attribute, else the session-level one,
     * else {@link Direction#SENDRECV}.
     */
    public Direction direction(MediaDescription m) {
        if (m.direction() != null) {
            return m.direction();
        }
        return direction != null ? direction : Direction.SENDRECV;
    }

    /**
     * Where the stream wants its RTP: connection address and {@code m=} port. An IP literal gives a
     * resolved address (no name lookup happens); a host name gives an unresolved one.
     */
    public InetSocketAddress rtpAddressFor(MediaDescription m) {
        return socketAddress(connectionFor(m), m.port());
    }

    /**
     * The RTCP port of a stream: the {@code a=rtcp:} port (RFC 3605), else the RTP port when
     * {@code a=rtcp-mux} is present (RFC 5761), else the RTP port plus one (RFC 3550 §11);
     * {@link MediaDescription#ABSENT} when that would exceed 65535.
     */
    public int rtcpPortFor(MediaDescription m) {
        if (m.rtcp() != null) {
            return m.rtcp().port();
        }
        if (m.rtcpMux()) {
            return m.port();
        }
        return m.port() < 65535 ? m.port() + 1 : MediaDescription.ABSENT;
    }

    /**
     * Where the stream wants its RTCP: the {@code a=rtcp:} address if it names one, else the
     * connection address, with {@link #rtcpPortFor}; {@code null} when there is no valid port.
     */
    public InetSocketAddress rtcpAddressFor(MediaDescription m) {
        int port = rtcpPortFor(m);
        if (port == MediaDescription.ABSENT) {
            return null;
        }
        Connection c = m.rtcp() != null && m.rtcp().connection() != null ? m.rtcp().connection() : connectionFor(m);
        return socketAddress(c, port);
    }

    private static InetSocketAddress socketAddress(Connection c, int port) {
        InetAddress address = c.inetAddress();
        return address != null ? new InetSocketAddress(address, port) : InetSocketAddress.createUnresolved(c.address(), port);
    }

    /**
     * A copy in which stream {@code mediaIndex} receives RTP at {@code rtp}, RTCP keeping the
     * relation the description had (see {@link #withMediaAddress(int, InetSocketAddress,
     * InetSocketAddress)}): with an {@code a=rtcp:} line equal to the RTP port (rtcp-mux style,
     * as WebRTC writes it) RTCP follows the new RTP port, with any other {@code a=rtcp:} it goes to
     * the new RTP port plus one, and without one it stays implicit (the RTP port with rtcp-mux,
     * else the next port): holdfast's anchored port pair.
     */
    public SessionDescription withMediaAddress(int mediaIndex, InetSocketAddress rtp) {
        return SdpRewriter.mediaAddress(this, mediaIndex, rtp, null);
    }

    /**
     * A copy in which stream {@code mediaIndex} receives RTP at {@code rtp} and RTCP at
     * {@code rtcp} ({@code null}: see {@link #withMediaAddress(int, InetSocketAddress)}). Changes
     * exactly these lines: the {@code m=} port (keeping any {@code /<number of ports>}); the
     * stream's own {@code c=} line (extra ones are removed), or, when the stream uses the
     * session-level {@code c=}, that line if no other stream uses it, else a new {@code c=} line
     * under {@code m=}; and the {@code a=rtcp:} line if present (its address written when it had
     * one or RTCP goes to another host), else a new one at the end of the stream only when RTCP
     * would otherwise be looked for elsewhere. {@code o=} is not touched: see
     * {@link #withOriginAddress} and {@link #withConnectionAddress}.
     *
     * @throws IllegalArgumentException if an address is unresolved, or the RTCP port derived from
     *                                  RTP port 65535 would not exist
     * @throws IndexOutOfBoundsException if there is no such stream
     */
    public SessionDescription withMediaAddress(int mediaIndex, InetSocketAddress rtp, InetSocketAddress rtcp) {
        return SdpRewriter.mediaAddress(this, mediaIndex, rtp, rtcp);
    }

    /**
     * A copy in which every {@code c=} line (session and media level) names {@code address}, and
     * so does every {@code a=rtcp:} line that names an address. Ports and {@code o=} stay.
     */
    public SessionDescription withConnectionAddress(InetAddress address) {
        return SdpRewriter.connectionAddress(this, address);
    }

    /** A copy with the {@code o=} address replaced (the rest of {@code o=} unchanged). */
    public SessionDescription withOriginAddress(InetAddress address) {
        return withOrigin(origin.withAddress(address));
    }

    /** A copy with another {@code o=} line: a B2BUA keeps its own origin per leg. */
    public SessionDescription withOrigin(Origin newOrigin) {
        return SdpRewriter.origin(this, newOrigin);
    }

    /**
     * A copy with another {@code s=} text: a B2BUA writes its own rather than pass on the peer's, which often
     * names its software or host.
     *
     * @throws IllegalArgumentException when {@code name} is empty or holds CR, LF or NUL
     */
    public SessionDescription withSessionName(String name) {
        return SdpRewriter.sessionName(this, name);
    }

    /** A copy with the {@code o=} session version plus one (RFC 3264 §8: every new offer). */
    public SessionDescription withOriginVersionIncremented() {
        return withOrigin(origin.withVersionIncremented());
    }

    /**
     * A copy in which stream {@code mediaIndex} has direction {@code newDirection}: its direction
     * attribute is replaced in place, or, if it has none and the inherited direction differs, one
     * is added at the end of the stream's lines.
     */
    public SessionDescription withDirection(int mediaIndex, Direction newDirection) {
        return SdpRewriter.direction(this, mediaIndex, newDirection);
    }

    /** A copy without the {@code a=name} lines of stream {@code mediaIndex} (e.g. ICE candidates). */
    public SessionDescription withMediaAttributesRemoved(int mediaIndex, String name) {
        return SdpRewriter.removeMediaAttributes(this, mediaIndex, name);
    }

    /** The description as written: every line followed by CRLF. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** The number of lines. */
    public int lineCount() {
        return lines.size();
    }

    /** The bytes of line {@code index} (from 0) without its line ending. */
    public byte[] line(int index) {
        return lines.get(index).clone();
    }

    /** The lines as held, not copied: for the rewriter only. */
    List<byte[]> rawLines() {
        return lines;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionDescription other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The description as text; lines in another {@code a=charset} than UTF-8 may show replacement characters. */
    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
