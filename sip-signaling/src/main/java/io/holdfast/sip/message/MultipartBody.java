package io.holdfast.sip.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@code multipart/*} body (RFC 2046 §5.1, as SIP uses it in RFC 5621): the parts between
 * {@code --boundary} delimiters, each with its own headers and content. Preamble and epilogue are
 * ignored on reading and not written. Immutable.
 */
public final class MultipartBody {
    /** One body part: its Content-Type (or {@code null} for the RFC 2046 default text/plain) and bytes. */
    public record Part(String contentType, List<SipHeader> headers, byte[] content) {
        public Part {
            headers = List.copyOf(headers);
            content = content.clone();
        }

        public static Part of(String contentType, byte[] content) {
            return new Part(contentType, List.of(), content);
        }

        /** The content (a copy). */
        @Override
        public byte[] content() {
            return content.clone();
        }

        /** The Content-Type as a media type, or {@code null} when absent or malformed. */
        public MediaType mediaType() {
            return contentType == null ? null : MediaType.parse(contentType);
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private final String boundary;
    private final List<Part> parts;

    public MultipartBody(String boundary, List<Part> parts) {
        this.boundary = Objects.requireNonNull(boundary, "boundary");
        if (boundary.isEmpty() || boundary.length() > 70) {
            throw new IllegalArgumentException("a boundary has 1 to 70 characters (RFC 2046 §5.1.1): " + boundary);
        }
        this.parts = List.copyOf(parts);
    }

    public String boundary() {
        return boundary;
    }

    public List<Part> parts() {
        return parts;
    }

    /** The first part of the given type, or {@code null}. */
    public Part firstOfType(String type, String subtype) {
        for (Part part : parts) {
            MediaType mediaType = part.mediaType();
            if (mediaType != null && mediaType.is(type, subtype)) {
                return part;
            }
        }
        return null;
    }

    /** The Content-Type for this body: {@code multipart/mixed;boundary=...}. */
    public String contentType() {
        return "multipart/mixed;boundary=" + boundary;
    }

    /** The body bytes: each part after a delimiter line, then the closing delimiter. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        for (Part part : parts) {
            out.writeBytes(delimiter);
            out.writeBytes(CRLF);
            if (part.contentType() != null) {
                out.writeBytes(("Content-Type: " + part.contentType()).getBytes(StandardCharsets.UTF_8));
                out.writeBytes(CRLF);
            }
            for (SipHeader header : part.headers()) {
                out.writeBytes((header.name() + ": " + header.value()).getBytes(StandardCharsets.UTF_8));
                out.writeBytes(CRLF);
            }
            out.writeBytes(CRLF);
            out.writeBytes(part.content);
            out.writeBytes(CRLF);
        }
        out.writeBytes(delimiter);
        out.writeBytes(new byte[] {'-', '-'});
        out.writeBytes(CRLF);
        return out.toByteArray();
    }

    /**
     * Reads a multipart body.
     *
     * @throws MalformedBodyException when the boundary is missing, no delimiter is found, the closing
     *                                delimiter is absent or a part's headers are not terminated
     */
    public static MultipartBody parse(MediaType contentType, byte[] body) throws MalformedBodyException {
        String boundary = contentType.parameter("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw new MalformedBodyException("multipart body without a valid boundary parameter");
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int first = indexOfDelimiter(body, delimiter, 0);
        if (first < 0) {
            throw new MalformedBodyException("multipart body without the delimiter --" + boundary);
        }
        List<Part> parts = new ArrayList<>();
        int pos = first + delimiter.length;
        while (true) {
            if (startsWith(body, pos, new byte[] {'-', '-'})) {
                return new MultipartBody(boundary, parts);
            }
            pos = skipLinearWhitespace(body, pos);
            if (!startsWith(body, pos, CRLF)) {
                throw new MalformedBodyException("multipart delimiter not followed by CRLF at byte " + pos);
            }
            int partStart = pos + 2;
            int next = indexOfDelimiter(body, delimiter, partStart);
            if (next < 0) {
                throw new MalformedBodyException("multipart body without its closing delimiter --" + boundary + "--");
            }
            parts.add(parsePart(body, partStart, next - 2));
            pos = next + delimiter.length;
        }
    }

    private static Part parsePart(byte[] body, int start, int end) throws MalformedBodyException {
        String contentType = null;
        List<SipHeader> headers = new ArrayList<>();
        int pos = start;
        while (true) {
            int lineEnd = indexOf(body, CRLF, pos, end);
            if (lineEnd < 0) {
                throw new MalformedBodyException("body part headers not terminated by an empty line at byte " + pos);
            }
            if (lineEnd == pos) {
                pos += 2;
                break;
            }
            String line = new String(body, pos, lineEnd - pos, StandardCharsets.UTF_8);
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedBodyException("malformed body part header at byte " + pos + ": " + line);
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Type") || name.equals("c")) {
                contentType = value;
            } else {
                headers.add(new SipHeader(name, value));
            }
            pos = lineEnd + 2;
        }
        byte[] content = new byte[Math.max(0, end - pos)];
        System.arraycopy(body, pos, content, 0, content.length);
        return new Part(contentType, headers, content);
    }

    /** A delimiter counts only at the start of the body or of a line (RFC 2046 §5.1.1). */
    private static int indexOfDelimiter(byte[] body, byte[] delimiter, int from) {
        int at = from;
        while (true) {
            int found = indexOf(body, delimiter, at, body.length);
            if (found < 0) {
                return -1;
            }
            if (found == 0 || (found >= 2 && body[found - 2] == '\r' && body[found - 1] == '\n')) {
                return found;
            }
            at = found + 1;
        }
    }

    private static int indexOf(byte[] body, byte[] needle, int from, int end) {
        for (int i = from; i + needle.length <= end; i++) {
            if (startsWith(body, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] body, int at, byte[] prefix) {
        if (at < 0 || at + prefix.length > body.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (body[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int skipLinearWhitespace(byte[] body, int pos) {
        int i = pos;
        while (i < body.length && (body[i] == ' ' || body[i] == '\t')) {
            i++;
        }
        return i;
    }
}
