package io.holdfast.sip.parse;

import io.holdfast.sip.parse.SipParseException.Rule;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The test corpus under {@code src/test/resources/sip-corpus}: RFC 4475 torture messages and holdfast's
 * own, each listed in its directory's {@code index.txt} with what an edge device does with it.
 */
public final class SipCorpus {
    /** A message holdfast accepts. */
    public record Valid(String file, boolean streamable, String note, byte[] bytes) {
        @Override
        public String toString() {
            return file;
        }
    }

    /** A message holdfast refuses, with the rule, the header and whether a response can be formed. */
    public record Invalid(String file, SipParser.Framing framing, Rule rule, String header, boolean respond,
                          String note, byte[] bytes) {
        @Override
        public String toString() {
            return file;
        }
    }

    private static final String ROOT = "/sip-corpus/";

    private SipCorpus() {
    }

    public static List<Valid> valid() {
        List<Valid> out = new ArrayList<>();
        for (String[] f : index("valid")) {
            out.add(new Valid(f[0], f[1].equals("BOTH"), f[2], bytes("valid/" + f[0])));
        }
        return out;
    }

    /** The valid messages that are also exactly one stream frame each. */
    public static List<Valid> streamable() {
        return valid().stream().filter(Valid::streamable).toList();
    }

    public static Valid valid(String file) {
        return valid().stream().filter(v -> v.file().equals(file)).findFirst().orElseThrow();
    }

    public static List<Invalid> invalid() {
        List<Invalid> out = new ArrayList<>();
        for (String[] f : index("invalid")) {
            out.add(new Invalid(f[0], SipParser.Framing.valueOf(f[1]), Rule.valueOf(f[2]),
                    f[3].equals("-") ? null : f[3], f[4].equals("yes"), f[5], bytes("invalid/" + f[0])));
        }
        return out;
    }

    private static List<String[]> index(String dir) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = resource(dir + "/index.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split(" \\| ", -1);
                for (int i = 0; i < fields.length; i++) {
                    fields[i] = fields[i].trim();
                }
                rows.add(fields);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static byte[] bytes(String path) {
        try (InputStream in = resource(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = SipCorpus.class.getResourceAsStream(ROOT + path);
        if (in == null) {
            throw new IllegalStateException("missing corpus resource " + path);
        }
        return in;
    }
}
