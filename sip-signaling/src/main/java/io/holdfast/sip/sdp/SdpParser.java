package io.holdfast.sip.sdp;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The strict SDP parser (RFC 8866 §5, §9). Lines end with CRLF or, as §5 asks parsers to accept,
 * a bare LF; empty lines after the last one are ignored. Every line must be {@code <type>=<value>}
 * with a known lowercase type, in the order of the grammar: {@code v o s i u e p c b} then one or
 * more time descriptions ({@code t}, {@code r}, {@code z}, where both RFC 4566 and RFC 8866 put
 * {@code z}), {@code k}, {@code a}; then media descriptions {@code m i c b k a}. Text is UTF-8
 * (or, for {@code s=} and {@code i=}, the session's {@code a=charset}) without control characters.
 */
final class SdpParser {
    private static final String KNOWN_TYPES = "vosiuepcbtrzkam";
    private static final String SESSION_ONCE = "vosiuck";
    private static final String MEDIA_ONCE = "ik";
    private static final String CHARSET = "charset";

    private final List<byte[]> raw;
    private final int count;
    private final char[] types;
    private final String[] values;

    private SdpParser(List<byte[]> raw) {
        this.raw = raw;
        this.count = raw.size();
        this.types = new char[count];
        this.values = new String[count];
    }

    /** Parses a whole body. */
    static SessionDescription parse(byte[] sdp) throws SdpParseException {
        return parseLines(split(sdp));
    }

    /** Parses lines already split, each without its line ending; the list is kept, not copied. */
    static SessionDescription parseLines(List<byte[]> lines) throws SdpParseException {
        return new SdpParser(lines).parse();
    }

    /** Splits at LF, dropping a CR right before it; empty lines at the end are dropped. */
    static List<byte[]> split(byte[] sdp) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < sdp.length; i++) {
            if (sdp[i] == '\n') {
                int end = i > start && sdp[i - 1] == '\r' ? i - 1 : i;
                lines.add(Arrays.copyOfRange(sdp, start, end));
                start = i + 1;
            }
        }
        if (start < sdp.length) {
            lines.add(Arrays.copyOfRange(sdp, start, sdp.length));
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).length == 0) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private SessionDescription parse() throws SdpParseException {
        if (count == 0) {
            throw new SdpParseException(1, 'v', "empty session description");
        }
        decodeLines();
        expectType(0, 'v');
        if (!"0".equals(values[0])) {
            throw new SdpParseException(1, 'v', "unsupported SDP version " + SdpFields.quote(values[0]) + " (only 0)");
        }
        expectType(1, 'o');
        Origin origin = SdpFields.origin(values[1], 2);
        expectType(2, 's');
        SessionDescription.Parts session = new SessionDescription.Parts();
        session.origin = origin;
        session.sessionName = values[2];
        int i = sessionLevel(session);
        List<MediaDescription> media = new ArrayList<>();
        while (i < count) {
            i = mediaLevel(i, media.size(), session, media);
        }
        session.media = media;
        return new SessionDescription(raw, session);
    }

    private void expectType(int index, char type) throws SdpParseException {
        if (index >= count) {
            throw new SdpParseException(index + 1, type, "missing " + type + "= line");
        }
        if (types[index] != type) {
            throw new SdpParseException(index + 1, type, "expected " + type + "= as line " + (index + 1)
                    + ", found " + types[index] + "=");
        }
    }

    /** Parses the lines after {@code s=} up to the first {@code m=}; returns the index of that line. */
    private int sessionLevel(SessionDescription.Parts session) throws SdpParseException {
        int i = 3;
        char previous = 's';
        int lastRank = sessionRank('s');
        for (; i < count && types[i] != 'm'; i++) {
            char type = types[i];
            int number = i + 1;
            int rank = sessionRank(type);
            if (rank < lastRank || rank == lastRank && SESSION_ONCE.indexOf(type) >= 0) {
                throw new SdpParseException(number, type, rank == lastRank || rank <= sessionRank('s')
                        ? "more than one " + type + "= line at session level"
                        : type + "= line out of order: it must come before " + previous + "=");
            }
            if ((type == 'r' || type == 'z') && previous != 't' && previous != 'r') {
                throw new SdpParseException(number, type, type + "= line must follow a t= or r= line");
            }
            switch (type) {
                case 'c' -> session.connection = SdpFields.connection(values[i], number);
                case 'b' -> session.bandwidths.add(SdpFields.bandwidth(values[i], number));
                case 't' -> session.timings.add(SdpFields.timing(values[i], number));
                case 'r' -> SdpFields.repeat(values[i], number);
                case 'z' -> SdpFields.zone(values[i], number);
                case 'a' -> sessionAttribute(session, SdpFields.attribute(values[i], number), number);
                default -> {
                    // i, u, e, p, k: free text, already checked for control characters
                }
            }
            previous = type;
            lastRank = rank;
        }
        if (session.timings.isEmpty()) {
            throw new SdpParseException(i + 1, 't', i < count
                    ? "no t= line before the first m= line" : "missing t= line");
        }
        return i;
    }

    private static int sessionRank(char type) {
        return switch (type) {
            case 'v' -> 0;
            case 'o' -> 1;
            case 's' -> 2;
            case 'i' -> 3;
            case 'u' -> 4;
            case 'e' -> 5;
            case 'p' -> 6;
            case 'c' -> 7;
            case 'b' -> 8;
            case 't', 'r', 'z' -> 9;
            case 'k' -> 10;
            default -> 11;
        };
    }

    private static void sessionAttribute(SessionDescription.Parts session, Attribute a, int number)
            throws SdpParseException {
        session.attributes.add(a);
        Direction direction = Direction.fromToken(a.name());
        if (direction != null) {
            requireFlag(a, number);
            if (session.direction != null) {
                throw new SdpParseException(number, 'a', "more than one direction attribute at session level");
            }
            session.direction = direction;
        }
    }

    /** Parses one media description starting at its {@code m=} line; returns the index after it. */
    private int mediaLevel(int start, int index, SessionDescription.Parts session, List<MediaDescription> media)
            throws SdpParseException {
        MediaDescription.Builder b = new MediaDescription.Builder();
        b.index = index;
        b.firstLine = start;
        int mNumber = start + 1;
        SdpFields.mediaLine(values[start], mNumber, b);
        int i = start + 1;
        char previous = 'm';
        int lastRank = 0;
        for (; i < count && types[i] != 'm'; i++) {
            char type = types[i];
            int number = i + 1;
            int rank = mediaRank(type);
            if (rank < 0) {
                throw new SdpParseException(number, type, type + "= line not allowed in a media description");
            }
            if (rank < lastRank || rank == lastRank && MEDIA_ONCE.indexOf(type) >= 0) {
                throw new SdpParseException(number, type, rank == lastRank
                        ? "more than one " + type + "= line in a media description"
                        : type + "= line out of order: it must come before " + previous + "=");
            }
            switch (type) {
                case 'c' -> b.connections.add(SdpFields.connection(values[i], number));
                case 'b' -> b.bandwidths.add(SdpFields.bandwidth(values[i], number));
                case 'a' -> SdpMediaAttributes.apply(b, SdpFields.attribute(values[i], number), number, mNumber);
                default -> {
                    // i, k: free text, already checked for control characters
                }
            }
            previous = type;
            lastRank = rank;
        }
        if (b.connections.isEmpty() && session.connection == null) {
            throw new SdpParseException(mNumber, 'c', "no c= line in this media description nor at session level");
        }
        b.endLine = i;
        media.add(b.build());
        return i;
    }

    private static int mediaRank(char type) {
        return switch (type) {
            case 'i' -> 1;
            case 'c' -> 2;
            case 'b' -> 3;
            case 'k' -> 4;
            case 'a' -> 5;
            default -> -1;
        };
    }

    static void requireFlag(Attribute a, int number) throws SdpParseException {
        if (!a.isFlag()) {
            throw new SdpParseException(number, 'a', "a=" + a.name() + " takes no value");
        }
    }

    /** Checks the shape of every line and decodes its value; s= and i= use the session's charset. */
    private void decodeLines() throws SdpParseException {
        CharsetDecoder utf8 = decoder(StandardCharsets.UTF_8);
        for (int i = 0; i < count; i++) {
            byte[] line = raw.get(i);
            int number = i + 1;
            if (line.length == 0) {
                throw new SdpParseException(number, SdpParseException.NO_TYPE, "empty line");
            }
            char type = line[0] >= 'a' && line[0] <= 'z' ? (char) line[0] : SdpParseException.NO_TYPE;
            if (type == SdpParseException.NO_TYPE) {
                throw new SdpParseException(number, type, "line does not start with a lowercase type letter");
            }
            if (line.length < 2 || line[1] != '=') {
                throw new SdpParseException(number, type, "expected '=' right after the type letter");
            }
            if (KNOWN_TYPES.indexOf(type) < 0) {
                throw new SdpParseException(number, type, "unknown line type " + type + "=");
            }
            types[i] = type;
            if (type != 's' && type != 'i') {
                values[i] = decode(utf8, i);
            }
        }
        CharsetDecoder text = decoder(sessionCharset());
        for (int i = 0; i < count; i++) {
            if (types[i] == 's' || types[i] == 'i') {
                values[i] = decode(text, i);
            }
        }
    }

    private static CharsetDecoder decoder(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private String decode(CharsetDecoder decoder, int index) throws SdpParseException {
        byte[] line = raw.get(index);
        ByteBuffer in = ByteBuffer.wrap(line, 2, line.length - 2);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(in.remaining() * (double) decoder.maxCharsPerByte()) + 1);
        decoder.reset();
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError() || result.isOverflow()) {
            throw new SdpParseException(index + 1, types[index], "not valid " + decoder.charset().name()
                    + " at byte " + (in.position() + 1) + " of the line");
        }
        String value = out.flip().toString();
        int control = SdpSyntax.firstControlCharacter(value);
        if (control >= 0) {
            throw new SdpParseException(index + 1, types[index], String.format("control character U+%04X at character %d",
                    (int) value.charAt(control), control + 3));
        }
        return value;
    }

    /** The charset of the session-level {@code a=charset} (RFC 8866 §6.10), UTF-8 by default. */
    private Charset sessionCharset() throws SdpParseException {
        for (int i = 3; i < count && types[i] != 'm'; i++) {
            if (types[i] == 'a' && values[i].startsWith(CHARSET + ':')) {
                String name = SdpFields.stripTrailingBlanks(values[i].substring(CHARSET.length() + 1));
                return charset(name, i + 1);
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static Charset charset(String name, int number) throws SdpParseException {
        String unsupported = "unsupported character set " + SdpFields.quote(name);
        if (!SdpSyntax.isToken(name)) {
            throw new SdpParseException(number, 'a', unsupported);
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            SdpParseException failure = new SdpParseException(number, 'a', unsupported);
            failure.initCause(e);
            throw failure;
        }
    }
}
