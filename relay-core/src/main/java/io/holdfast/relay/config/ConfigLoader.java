package io.holdfast.relay.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads holdfast's YAML configuration into a validated {@link HoldfastConfig}, or reports every
 * problem in it at once. Relative paths in the file (prompts, the events file) resolve against the
 * file's directory; those of the built-in default against the working directory. Stateless and
 * thread-safe; meant for start-up and {@code holdfast check-config}, never an event loop (it reads
 * files).
 */
public final class ConfigLoader {
    /** The built-in default's classpath resource: two regions on loopback, for the demo. */
    public static final String DEFAULT_RESOURCE = "io/holdfast/relay/config/default-holdfast.yaml";
    /** How the built-in default is named in problems. */
    public static final String DEFAULT_SOURCE = "built-in default";
    /** A configuration is a few kilobytes; anything over this is not one. */
    public static final int MAX_FILE_BYTES = 1 << 20;
    /** The key of a problem with the document as a whole. */
    public static final String DOCUMENT_KEY = "(document)";

    /** Duplicate keys are refused; yes/no/on/off stay words (YAML 1.1 would make region "no" false). */
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .build();
    private static final String SYNTAX_FIX = "; check the indentation, and quote values that hold ': ', '[', '{' or '#'";

    private ConfigLoader() {
    }

    /**
     * Loads a configuration file.
     *
     * @throws IOException when the file cannot be read (it does not exist, access is denied, it is a
     *         directory): nothing about its content is known
     * @throws ConfigException with every problem in the content: YAML syntax (line and column),
     *         unknown keys, bad values, rules across sections, unreadable prompt files
     */
    public static HoldfastConfig load(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        }
        Path baseDirectory = file.toAbsolutePath().getParent();
        return parse(bytes, file.toString(), baseDirectory);
    }

    /**
     * Loads the built-in default ({@link #DEFAULT_RESOURCE}).
     *
     * @throws ConfigException when the default does not hold in this working directory (for
     *         example, the events file's directory cannot be written)
     * @throws UncheckedIOException when the resource is missing: a packaging bug
     */
    public static HoldfastConfig loadDefault() {
        byte[] bytes;
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IOException("resource " + DEFAULT_RESOURCE + " is not on the classpath");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("The built-in default configuration cannot be read: relay-core is badly packaged", e);
        }
        return parse(bytes, DEFAULT_SOURCE, Path.of("").toAbsolutePath());
    }

    /**
     * Binds configuration text.
     *
     * @param source how problems name what was read, for example the file's path
     * @param baseDirectory what relative paths in the text resolve against
     * @throws ConfigException with every problem found
     */
    public static HoldfastConfig parse(String yaml, String source, Path baseDirectory) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(baseDirectory, "baseDirectory");
        JsonNode root;
        try (JsonParser parser = MAPPER.createParser(yaml)) {
            root = MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                throw new ConfigException(source, List.of(new ConfigProblem(where(parser.currentLocation()),
                        "a second YAML document starts here; holdfast reads one document, remove the rest")));
            }
        } catch (JacksonException e) {
            throw new ConfigException(source, List.of(syntaxProblem(e)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
        if (root != null && !root.isObject() && !root.isNull() && !root.isMissingNode()) {
            throw new ConfigException(source, List.of(new ConfigProblem(DOCUMENT_KEY, ConfigSection.describe(root)
                    + " is not a mapping of sections; start the file like sip: { listen: 127.0.0.1:5060 }")));
        }
        return new ConfigBinder(baseDirectory).bind(root != null && root.isObject() ? root : null, source);
    }

    static HoldfastConfig parse(byte[] bytes, String source, Path baseDirectory) {
        if (bytes.length > MAX_FILE_BYTES) {
            throw new ConfigException(source, List.of(new ConfigProblem(DOCUMENT_KEY, "the file is larger than "
                    + MAX_FILE_BYTES / 1024 + " KiB; a holdfast configuration is a few kilobytes, check the path")));
        }
        return parse(decodeUtf8(bytes, source), source, baseDirectory);
    }

    private static String decodeUtf8(byte[] bytes, String source) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in)
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new ConfigException(source, List.of(new ConfigProblem(
                    "line " + line + ", column " + (in.position() - lineStart + 1),
                    "this byte is not UTF-8 text (" + e.getMessage() + "); save the file as UTF-8")));
        }
    }

    private static ConfigProblem syntaxProblem(JacksonException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblem() != null) {
            Mark mark = yaml.getProblemMark();
            String where = mark == null ? where(e.getLocation())
                    : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            return new ConfigProblem(where, "malformed YAML: " + yaml.getProblem() + SYNTAX_FIX);
        }
        String message = e.getOriginalMessage();
        String firstLine = message == null ? e.getClass().getSimpleName() : message.strip().lines().findFirst().orElse("");
        String duplicate = "Duplicate field '";
        if (firstLine.startsWith(duplicate) && firstLine.indexOf('\'', duplicate.length()) > 0) {
            String key = firstLine.substring(duplicate.length(), firstLine.indexOf('\'', duplicate.length()));
            return new ConfigProblem(where(e.getLocation()), "duplicate key " + key + "; keep one of them");
        }
        return new ConfigProblem(where(e.getLocation()), "malformed YAML: " + firstLine + SYNTAX_FIX);
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return DOCUMENT_KEY;
        }
        return "line " + location.getLineNr() + ", column " + Math.max(1, location.getColumnNr());
    }
}
