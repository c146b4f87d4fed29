package io.holdfast.sip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded mutations of valid messages for the parsers' robustness tests: bytes flipped, replaced,
 * inserted (random or hostile), deleted; tokens spliced in; lines duplicated, dropped, swapped;
 * truncation. One to four mutations per case. Deterministic for a seed, so a failing case is
 * reproduced from the seed and index its test prints.
 */
public final class ByteMutator {
    /** One kind of change. */
    enum Kind { FLIP, REPLACE, INSERT, INSERT_HOSTILE, INSERT_TOKEN, DELETE, TRUNCATE, DUPLICATE_LINE, DELETE_LINE,
        SWAP_LINES }

    private static final Kind[] KINDS = Kind.values();

    private final List<byte[]> seeds;
    private final byte[] hostileBytes;
    private final List<byte[]> tokens;

    /**
     * @param seeds        valid messages to start from
     * @param hostileBytes bytes the grammar treats specially (separators, quotes, CR, LF, NUL, high bytes)
     * @param tokens       fragments worth splicing in (numbers at the limits, keywords)
     */
    public ByteMutator(List<byte[]> seeds, byte[] hostileBytes, List<String> tokens) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("no seed messages");
        }
        this.seeds = List.copyOf(seeds);
        this.hostileBytes = hostileBytes.clone();
        this.tokens = tokens.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** The mutated case number {@code index} of the run seeded with {@code runSeed}. */
    public byte[] mutant(long runSeed, int index) {
        SplittableRandom random = new SplittableRandom(runSeed * 1_000_003L + index);
        byte[] bytes = seeds.get(random.nextInt(seeds.size()));
        int changes = 1 + random.nextInt(4);
        for (int i = 0; i < changes; i++) {
            bytes = apply(bytes, KINDS[random.nextInt(KINDS.length)], random);
        }
        return bytes;
    }

    /** A printable form of a failing case for an assertion message. */
    public static String describe(long runSeed, int index, byte[] bytes) {
        return "seed " + runSeed + " case " + index + ", " + bytes.length + " bytes: "
                + HexFormat.of().formatHex(bytes);
    }

    private byte[] apply(byte[] in, Kind kind, SplittableRandom random) {
        if (in.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        int at = random.nextInt(in.length);
        return switch (kind) {
            case FLIP -> {
                byte[] copy = in.clone();
                copy[at] ^= (byte) (1 << random.nextInt(8));
                yield copy;
            }
            case REPLACE -> {
                byte[] copy = in.clone();
                copy[at] = hostileBytes[random.nextInt(hostileBytes.length)];
                yield copy;
            }
            case INSERT -> splice(in, at, at, new byte[] {(byte) random.nextInt(256)});
            case INSERT_HOSTILE -> splice(in, at, at, repeat(hostileBytes[random.nextInt(hostileBytes.length)],
                    1 + random.nextInt(3)));
            case INSERT_TOKEN -> tokens.isEmpty() ? in : splice(in, at, at, tokens.get(random.nextInt(tokens.size())));
            case DELETE -> splice(in, at, Math.min(in.length, at + 1 + random.nextInt(48)), new byte[0]);
            case TRUNCATE -> splice(in, at, in.length, new byte[0]);
            case DUPLICATE_LINE, DELETE_LINE, SWAP_LINES -> mutateLines(in, kind, random);
        };
    }

    private static byte[] mutateLines(byte[] in, Kind kind, SplittableRandom random) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\n') {
                lines.add(Arrays.copyOfRange(in, start, i + 1));
                start = i + 1;
            }
        }
        if (start < in.length) {
            lines.add(Arrays.copyOfRange(in, start, in.length));
        }
        int i = random.nextInt(lines.size());
        int j = random.nextInt(lines.size());
        switch (kind) {
            case DUPLICATE_LINE -> lines.add(j, lines.get(i));
            case DELETE_LINE -> lines.remove(i);
            default -> {
                byte[] swap = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, swap);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 128);
        lines.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] repeat(byte value, int count) {
        byte[] out = new byte[count];
        Arrays.fill(out, value);
        return out;
    }

    private static byte[] splice(byte[] in, int from, int to, byte[] insert) {
        byte[] out = new byte[in.length - (to - from) + insert.length];
        System.arraycopy(in, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(in, to, out, from + insert.length, in.length - to);
        return out;
    }
}
