package io.holdfast.sip.parse;

import io.holdfast.sip.parse.SipParseException.Rule;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Walks the header fields of a message (RFC 3261 §7.3): one logical field per call, continuation lines
 * (CRLF followed by SP or HTAB) folded in, up to the empty line. Enforces the header-line and
 * header-count limits and refuses a bare CR or a bare LF. One per parser; confined to its thread.
 *
 * <p>The parser walks with {@link #nextField()}, which first looks the whole line (name, colon and
 * value, exactly as received) up among the lines that parsed before (a peer's Allow, Record-Route,
 * User-Agent...): a line found there is not read again, {@link #kept()} answers what it parsed to. A
 * line is kept ({@link #keep}) only once it parsed without fault, and its parse depends on nothing but
 * its bytes, so a hit is what reading the same bytes again would give and strictness does not change.
 * A Via, From or To line is also kept around its last parameter value ({@link #keepAround}, {@link
 * #keptAround()}), and the line that followed a kept line last time is tried before any scan or hash.
 */
final class HeaderLines {
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGHS = 0x8080808080808080L;
    /** 0x0E in every byte: the bytes below it include CR and LF. */
    private static final long BELOW_CR = 0x0E0E0E0E0E0E0E0EL;
    private static final long MIX = 0x9E3779B97F4A7C15L;
    private static final int HASH_ROTATION = 23;

    /** {@link #found}: the field was read. */
    static final int READ = 0;
    /** {@link #found}: the whole line was kept before. */
    static final int KEPT = 1;
    /** {@link #found}: the line was kept before around its last parameter value. */
    static final int AROUND = 2;
    /** {@link ValueCache} kind of a whole header line. */
    private static final int LINE_KIND = 0;
    /** {@link ValueCache} kind of a whole start line. */
    private static final int START_LINE_KIND = 1;
    /** {@link ValueCache} kind of a header line without its last parameter value. */
    private static final int AROUND_KIND = 2;
    /** How far from the end of a line its last '=' is looked for. */
    private static final int AROUND_REACH = 64;

    private final SipScanner scanner;
    /** Whole header lines that parsed before, with what they parsed to. */
    private final ValueCache keptLines = new ValueCache();
    /** Via, From and To lines that parsed before, without their last parameter value. */
    private final ValueCache linesAround = new ValueCache();
    private int maxLineBytes;
    private int maxLines;
    private int pos;
    private int end;
    private int lines;

    int nameStart;
    int nameEnd;
    int valueStart;
    /** Index of the CRLF that ends the field (continuations included). */
    int valueEnd;
    /** Index of the first body byte, once {@link #next()} has returned false. */
    int bodyStart;
    /**
     * How the field {@link #nextField()} just returned was found: {@link #READ} (its name and value are
     * set), {@link #KEPT} ({@link #kept()}) or {@link #AROUND} ({@link #keptAround()}, with the hole at
     * {@code [holeStart, holeEnd)}); for the last two only {@link #nameStart} and {@link #valueEnd} are
     * set. An int, like the other positions: a reference stored in this long-lived object would cost a
     * garbage-collector barrier per line.
     */
    int found;
    int holeStart;
    int holeEnd;
    private boolean startKept;
    /** The cache slot of the line found kept ({@link #found} {@link #KEPT} or {@link #AROUND}). */
    private int foundSlot;
    /**
     * The line found or kept last, in this message or the one before ({@link #ref}), or -1: what
     * followed it then is tried first for the next line ({@link #nextField()}), which finds most of a
     * peer's lines without a scan or a hash, as they come in the same order message after message.
     */
    private int lastRef = -1;
    /** The hash of the line {@link #scanLine} last read, when {@link #hashed}. */
    long lineHash;
    boolean hashed;

    HeaderLines(SipScanner scanner) {
        this.scanner = scanner;
    }

    void reset(int headersStart, int messageEnd, SipLimits limits) {
        pos = headersStart;
        end = messageEnd;
        maxLineBytes = limits.maxHeaderLineBytes();
        maxLines = limits.maxHeaderLines();
        lines = 0;
    }

    /**
     * Finds the end of the line that starts at {@code start}: the index of its CR, which is followed by
     * LF. Used for continuation lines and by {@link #next()}; the start line has {@link #startLineEnd}.
     */
    static int lineEnd(SipScanner s, int start, int end, int maxBytes) throws SipParseException {
        byte[] a = s.a;
        int limit = Math.min(end, start + maxBytes + 1);
        int i = firstCrOrLf(a, start, limit);
        if (i == limit) {
            if (end - start > maxBytes) {
                throw s.failAt(Rule.HEADER_LINE_TOO_LONG, start, "line longer than " + maxBytes + " bytes");
            }
            throw s.failAt(Rule.INCOMPLETE_HEADERS, end, "line not terminated by CRLF");
        }
        return terminated(s, i, end);
    }

    /**
     * {@link #lineEnd} of the start line at {@code start}, which is then looked up among the start lines
     * kept before: what it parsed to is returned by {@link #keptStartLine()}.
     */
    int startLineEnd(int start, int end, int maxBytes) throws SipParseException {
        SipScanner s = scanner;
        byte[] a = s.a;
        int limit = Math.min(end, start + maxBytes + 1);
        int i = scanLine(a, start, limit);
        if (i == limit) {
            if (end - start > maxBytes) {
                throw s.failAt(Rule.HEADER_LINE_TOO_LONG, start, "line longer than " + maxBytes + " bytes");
            }
            throw s.failAt(Rule.INCOMPLETE_HEADERS, end, "line not terminated by CRLF");
        }
        terminated(s, i, end);
        if (hashed) {
            startKept = keptLines.find(START_LINE_KIND, lineHash, a, start, i) != null;
            if (startKept) {
                followed(keptLines.lastSlot());
            }
        } else {
            startKept = false;
            keptLines.forget();
        }
        return i;
    }

    /** What the start line found by {@link #startLineEnd} parsed to before, or {@code null}. */
    Object keptStartLine() {
        return startKept ? keptLines.value(keptLines.lastSlot()) : null;
    }

    /**
     * Keeps what the start line found by {@link #startLineEnd} (without fault) parsed to, immutable;
     * only until another line is looked up.
     */
    void keepStartLine(Object value) {
        int slot = keptLines.keep(value, scanner.a);
        if (slot >= 0) {
            followed(slot);
        }
    }

    /**
     * A line found or kept, as one number across both caches: a slot of {@link #keptLines}, or
     * {@link ValueCache#SLOTS} plus a slot of {@link #linesAround}.
     */
    private static int ref(boolean around, int slot) {
        return around ? ValueCache.SLOTS + slot : slot;
    }

    /** Records that the line {@code ref} came after the one found or kept before it. */
    private void followed(int ref) {
        int before = lastRef;
        if (before >= ValueCache.SLOTS) {
            linesAround.link(before - ValueCache.SLOTS, ref);
        } else if (before >= 0) {
            keptLines.link(before, ref);
        }
        lastRef = ref;
    }

    /** Checks that the CR or LF at {@code i} is the CR of a CRLF, and returns {@code i}. */
    private static int terminated(SipScanner s, int i, int end) throws SipParseException {
        byte[] a = s.a;
        if (a[i] == '\n') {
            throw s.failAt(Rule.ILLEGAL_CHARACTER, i, "bare LF");
        }
        if (i + 1 >= end) {
            throw s.failAt(Rule.INCOMPLETE_HEADERS, end, "line not terminated by CRLF");
        }
        if (a[i + 1] != '\n') {
            throw s.failAt(Rule.ILLEGAL_CHARACTER, i, "bare CR");
        }
        return i;
    }

    /**
     * The index of the first CR or LF in {@code a[from, to)}, or {@code to}: eight bytes at a time, with
     * the "has a byte less than n" test of "Bit Twiddling Hacks" for bytes below 0x0E (LF is 0x0A, CR
     * 0x0D; the lowest byte it flags is exact). A flagged byte that is neither (HTAB, or a control
     * character that validation refuses later) resumes the search after it.
     */
    static int firstCrOrLf(byte[] a, int from, int to) {
        int i = from;
        while (i + Long.BYTES <= to) {
            long word = (long) WORDS.get(a, i);
            long found = (word - BELOW_CR) & ~word & HIGHS;
            if (found != 0) {
                int at = i + (Long.numberOfTrailingZeros(found) >>> 3);
                byte c = a[at];
                if (c == '\r' || c == '\n') {
                    return at;
                }
                i = at + 1;
            } else {
                i += Long.BYTES;
            }
        }
        while (i < to && a[i] != '\r' && a[i] != '\n') {
            i++;
        }
        return i;
    }

    /**
     * {@link #firstCrOrLf} that also hashes the bytes before the CR or LF it finds into {@link #lineHash}
     * for {@link ValueCache#find(int, long, byte[], int, int)}, from the words it reads anyway: each word
     * is multiplied on its own and folded in with a rotation, so the words do not wait for each other.
     * Words are read up to the end of the array (past {@code to}, never past the array), the last one
     * shifted. The hash is left unset ({@link #hashed} false) when a byte below 0x0E other than CR and LF
     * (HTAB, a control character) comes first, or the array is shorter than a word; the answer is then
     * still {@link #firstCrOrLf}'s.
     */
    int scanLine(byte[] a, int from, int to) {
        hashed = false;
        int lastWord = a.length - Long.BYTES;
        if (lastWord < 0) {
            return firstCrOrLf(a, from, to);
        }
        long h = 0;
        int i = from;
        int direct = Math.min(to, lastWord + 1);
        while (i < direct) {
            long word = (long) WORDS.get(a, i);
            long found = (word - BELOW_CR) & ~word & HIGHS;
            if (found != 0) {
                return lineFound(a, from, i, to, word, found, h);
            }
            h = Long.rotateLeft(h, HASH_ROTATION) ^ word * MIX;
            i += Long.BYTES;
        }
        if (i < to) {
            long word = (long) WORDS.get(a, lastWord) >>> ((i - lastWord) << 3);
            long found = (word - BELOW_CR) & ~word & HIGHS;
            if (found != 0) {
                return lineFound(a, from, i, to, word, found, h);
            }
        }
        return to;
    }

    /** The end of {@link #scanLine}: {@code word}, read at {@code i}, has a byte below 0x0E. */
    private int lineFound(byte[] a, int from, int i, int to, long word, long found, long h) {
        int bits = Long.numberOfTrailingZeros(found) & ~7;
        int at = i + (bits >>> 3);
        if (at >= to) {
            return to;
        }
        byte c = a[at];
        if (c != '\r' && c != '\n') {
            return firstCrOrLf(a, at, to);
        }
        long hash = h;
        if (bits != 0) {
            hash = Long.rotateLeft(hash, HASH_ROTATION) ^ (word & (-1L >>> (Long.SIZE - bits))) * MIX;
        }
        lineHash = finishHash(hash, at - from);
        hashed = true;
        return at;
    }

    private static long finishHash(long h, int length) {
        long x = (h ^ length) * MIX;
        return (x ^ x >>> 29) * MIX;
    }

    /**
     * Reads the next header field, all of it: name, value and folds, with no look-up among the lines
     * kept before ({@link #kept} stays {@code null}).
     *
     * @return false at the empty line that ends the header section ({@link #bodyStart} is then set)
     */
    boolean next() throws SipParseException {
        found = READ;
        if (atEmptyLine()) {
            return false;
        }
        return field(-1);
    }

    /**
     * Reads the next header field, or finds its line among those kept before ({@link #kept}): a line
     * that ends with CRLF within the line limit and is not folded is looked up whole; any other line,
     * or one not found, is read as by {@link #next()}.
     *
     * @return false at the empty line that ends the header section ({@link #bodyStart} is then set)
     */
    boolean nextField() throws SipParseException {
        found = READ;
        holeStart = -1;
        if (atEmptyLine()) {
            return false;
        }
        byte[] a = scanner.a;
        int start = pos;
        int next = lastRef < 0 ? -1 : lastRef >= ValueCache.SLOTS ? linesAround.next(lastRef - ValueCache.SLOTS)
                : keptLines.next(lastRef);
        if (next >= ValueCache.SLOTS ? followerAround(a, start, next - ValueCache.SLOTS)
                : next >= 0 && followerLine(a, start, next)) {
            return keptLine(start, valueEnd);
        }
        int limit = Math.min(end, start + maxLineBytes + 1);
        int cr = scanLine(a, start, limit);
        if (hashed && cr < limit && a[cr] == '\r' && cr + 1 < end && a[cr + 1] == '\n'
                && !(cr + 2 < end && (a[cr + 2] == ' ' || a[cr + 2] == '\t'))) {
            if (keptLines.find(LINE_KIND, lineHash, a, start, cr) != null) {
                found = KEPT;
                foundSlot = keptLines.lastSlot();
                followed(ref(false, foundSlot));
                return keptLine(start, cr);
            }
            if (findAround(a, start, cr)) {
                found = AROUND;
                foundSlot = linesAround.lastSlot();
                followed(ref(true, foundSlot));
                return keptLine(start, cr);
            }
        } else {
            keptLines.forget();
            linesAround.forget();
        }
        return field(cr < limit ? cr : -1);
    }

    /**
     * True when the line at {@code start} is the whole line kept in {@code slot}: its bytes, then CRLF
     * not followed by a fold; the line is then found ({@link #valueEnd} set).
     */
    private boolean followerLine(byte[] a, int start, int slot) {
        int length = keptLines.wholeLength(slot, LINE_KIND);
        int at = start + length;
        if (length <= 0 || !endsLine(a, at) || !keptLines.matchesAt(slot, a, start, at)) {
            return false;
        }
        found = KEPT;
        foundSlot = slot;
        valueEnd = at;
        followed(ref(false, slot));
        return true;
    }

    /**
     * True when the line at {@code start} is the line kept in {@code slot} of {@link #linesAround}
     * around another hole: the bytes before the hole, a run of token characters that is not empty, the
     * bytes after the hole, then CRLF not followed by a fold, within the line limit. Such a line parses
     * as the kept one with the new run as the hole's value, whichever '=' {@link #findAround} would have
     * picked; the line is then found ({@link #holeStart}, {@link #holeEnd}, {@link #valueEnd} set).
     */
    private boolean followerAround(byte[] a, int start, int slot) {
        int before = linesAround.holeAt(slot, AROUND_KIND);
        int from = start + before;
        if (before <= 0 || from >= end) {
            return false;
        }
        int to = from;
        while (to < end && SipChars.is(a[to], SipChars.TOKEN)) {
            to++;
        }
        int at = to + linesAround.lengthAfterHole(slot);
        if (to == from || at - start > maxLineBytes || !endsLine(a, at)
                || !linesAround.matchesAt(slot, a, start, to)) {
            return false;
        }
        found = AROUND;
        foundSlot = slot;
        holeStart = from;
        holeEnd = to;
        valueEnd = at;
        followed(ref(true, slot));
        return true;
    }

    /** True when a CRLF that is not followed by a fold (SP or HTAB) is at {@code at}. */
    private boolean endsLine(byte[] a, int at) {
        return at + 1 < end && a[at] == '\r' && a[at + 1] == '\n'
                && !(at + 2 < end && (a[at + 2] == ' ' || a[at + 2] == '\t'));
    }

    /** Moves past the line {@code [start, cr)} that was found kept. */
    private boolean keptLine(int start, int cr) throws SipParseException {
        if (++lines > maxLines) {
            throw scanner.failAt(Rule.TOO_MANY_HEADERS, start, "more than " + maxLines + " header fields");
        }
        nameStart = start;
        valueEnd = cr;
        pos = cr + 2;
        return true;
    }

    /**
     * Looks the line {@code a[start, cr)} up among the lines kept around their last parameter value:
     * the hole is the run of token characters after the line's last '=' (within {@link #AROUND_REACH}
     * bytes of its end), which must not be empty. Only lines that may be a Via, From or To (long or
     * compact name) are looked up.
     *
     * @return true when the line was kept around the hole ({@link #keptAround()})
     */
    private boolean findAround(byte[] a, int start, int cr) {
        int first = a[start] | 0x20;
        if (first != 'v' && first != 'f' && first != 't') {
            linesAround.forget();
            return false;
        }
        int equals = cr - 1;
        int stop = Math.max(start, cr - AROUND_REACH);
        while (equals > stop && a[equals] != '=') {
            equals--;
        }
        int from = equals + 1;
        int to = from;
        while (to < cr && SipChars.is(a[to], SipChars.TOKEN)) {
            to++;
        }
        if (a[equals] != '=' || to == from) {
            linesAround.forget();
            return false;
        }
        holeStart = from;
        holeEnd = to;
        long hash = ValueCache.hash(AROUND_KIND, a, start, from) * MIX ^ ValueCache.hash(AROUND_KIND, a, to, cr);
        return linesAround.findAround(AROUND_KIND, hash, a, start, from, to, cr) != null;
    }

    /** What the field {@link #nextField()} just returned parsed to, when {@link #found} is {@link #KEPT}. */
    KeptField kept() {
        return (KeptField) keptLines.value(foundSlot);
    }

    /**
     * What the field {@link #nextField()} just returned parsed to but for its hole, when {@link #found}
     * is {@link #AROUND}.
     */
    KeptAround keptAround() {
        return (KeptAround) linesAround.value(foundSlot);
    }

    /**
     * Keeps what the field {@link #nextField()} just read (without fault) parsed to, for the next
     * message that carries the same line; a no-op when that line could not be looked up.
     */
    void keep(HeaderName name, Object value) {
        KeptField field = keptLines.evictable() instanceof KeptField evicted ? evicted : new KeptField();
        int slot = keptLines.keep(field.set(name, value), scanner.a);
        if (slot >= 0) {
            followed(ref(false, slot));
        }
    }

    /**
     * Keeps what the Via, From or To field {@link #nextField()} just read (without fault) parsed to,
     * around its hole {@code [holeStart, holeEnd)}: {@code value} holds the hole's bytes as parameter
     * {@code parameter}; a no-op when the line could not be looked up around a hole.
     */
    void keepAround(HeaderName name, Object value, int parameter, boolean unique) {
        KeptAround field = linesAround.evictable() instanceof KeptAround evicted ? evicted : new KeptAround();
        int slot = linesAround.keep(field.set(name, value, parameter, unique), scanner.a);
        if (slot >= 0) {
            followed(ref(true, slot));
        }
    }

    /** True at the empty line that ends the header section; fails when the message ends before it. */
    private boolean atEmptyLine() throws SipParseException {
        SipScanner s = scanner;
        byte[] a = s.a;
        s.header = null;
        if (pos + 1 < end && a[pos] == '\r' && a[pos + 1] == '\n') {
            bodyStart = pos + 2;
            return true;
        }
        if (pos >= end) {
            throw s.failAt(Rule.INCOMPLETE_HEADERS, pos, "no empty line after the headers");
        }
        return false;
    }

    /**
     * Reads the field at {@link #pos}; {@code firstCrOrLf}, when not negative, is the index of the first
     * CR or LF from there (found within the line limit), so that the value is not searched again.
     */
    private boolean field(int firstCrOrLf) throws SipParseException {
        SipScanner s = scanner;
        byte[] a = s.a;
        int lineStart = pos;
        byte first = a[pos];
        if (first == ' ' || first == '\t') {
            throw s.failAt(Rule.BAD_HEADER_LINE, pos, "continuation line without a header field");
        }
        int i = pos;
        while (i < end && SipChars.is(a[i], SipChars.TOKEN)) {
            i++;
        }
        if (i == pos) {
            if (first == '\r' || first == '\n') {
                throw s.failAt(Rule.ILLEGAL_CHARACTER, pos, first == '\r' ? "bare CR" : "bare LF");
            }
            if ((first & 0xff) < 0x20 || first == 0x7f) {
                throw s.failAt(Rule.ILLEGAL_CHARACTER, pos, SipScanner.describe(first) + " in header name");
            }
            throw s.failAt(Rule.BAD_HEADER_LINE, pos, "header field does not start with a token");
        }
        nameStart = pos;
        nameEnd = i;
        while (i < end && (a[i] == ' ' || a[i] == '\t')) {
            i++;
        }
        if (i >= end || a[i] != ':') {
            if (i < end && ((a[i] & 0xff) < 0x20 && a[i] != '\r' && a[i] != '\n' || a[i] == 0x7f)) {
                throw s.failAt(Rule.ILLEGAL_CHARACTER, i, SipScanner.describe(a[i]) + " in header name");
            }
            throw s.failAt(Rule.BAD_HEADER_LINE, i, "expected ':' after the header name");
        }
        valueStart = i + 1;
        int lineEnd = firstCrOrLf >= valueStart ? terminated(s, firstCrOrLf, end)
                : lineEnd(s, valueStart, end, maxLineBytes);
        while (lineEnd + 2 < end && (a[lineEnd + 2] == ' ' || a[lineEnd + 2] == '\t')) {
            lineEnd = lineEnd(s, lineEnd + 3, end, maxLineBytes);
        }
        if (lineEnd - lineStart > maxLineBytes) {
            throw s.failAt(Rule.HEADER_LINE_TOO_LONG, lineStart, "header field longer than " + maxLineBytes
                    + " bytes");
        }
        if (++lines > maxLines) {
            throw s.failAt(Rule.TOO_MANY_HEADERS, lineStart, "more than " + maxLines + " header fields");
        }
        valueEnd = lineEnd;
        pos = lineEnd + 2;
        return true;
    }
}
