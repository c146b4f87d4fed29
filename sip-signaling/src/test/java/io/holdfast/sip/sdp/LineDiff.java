package io.holdfast.sip.sdp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A byte-level line diff (longest common subsequence) between two descriptions: the lines only in
 * the first ({@link #removed()}) and only in the second ({@link #added()}). Every other line is,
 * by construction, byte-identical and in the same order in both.
 */
final class LineDiff {
    private final List<String> removed = new ArrayList<>();
    private final List<String> added = new ArrayList<>();
    private final int common;

    private LineDiff(List<byte[]> before, List<byte[]> after) {
        int n = before.size();
        int m = after.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = Arrays.equals(before.get(i), after.get(j))
                        ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (Arrays.equals(before.get(i), after.get(j))) {
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                removed.add(text(before.get(i++)));
            } else {
                added.add(text(after.get(j++)));
            }
        }
        while (i < n) {
            removed.add(text(before.get(i++)));
        }
        while (j < m) {
            added.add(text(after.get(j++)));
        }
        this.common = lcs[0][0];
    }

    static LineDiff of(SessionDescription before, SessionDescription after) {
        return new LineDiff(lines(before), lines(after));
    }

    static List<byte[]> lines(SessionDescription sd) {
        List<byte[]> lines = new ArrayList<>();
        for (int i = 0; i < sd.lineCount(); i++) {
            lines.add(sd.line(i));
        }
        return lines;
    }

    /** Splits written bytes at CRLF; fails on a bare LF or CR. */
    static List<byte[]> splitCrlf(byte[] bytes) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                if (i == start || bytes[i - 1] != '\r') {
                    throw new AssertionError("bare LF at byte " + i);
                }
                lines.add(Arrays.copyOfRange(bytes, start, i - 1));
                start = i + 1;
            } else if (bytes[i] == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n')) {
                throw new AssertionError("bare CR at byte " + i);
            }
        }
        if (start != bytes.length) {
            throw new AssertionError("last line not ended by CRLF");
        }
        return lines;
    }

    List<String> removed() {
        return removed;
    }

    List<String> added() {
        return added;
    }

    /** The number of lines that are byte-identical in both. */
    int common() {
        return common;
    }

    private static String text(byte[] line) {
        return new String(line, StandardCharsets.UTF_8);
    }
}
