package io.holdfast.relay.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.holdfast.sip.message.SipUri;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * One mapping of the YAML tree, read key by key into typed values. A value that cannot be read adds
 * a {@link ConfigProblem} naming the key's dotted path and makes the reader return {@code null};
 * an absent key gives the default. Every key asked for is known, so that
 * {@link #rejectUnknownKeys()} can report the rest with the closest known key. Confined to the
 * loading thread.
 */
final class ConfigSection {
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\s*-?\\d{1,10}\\s*");

    private final String path;
    private final JsonNode node;
    private final List<ConfigProblem> problems;
    private final Set<String> knownKeys = new LinkedHashSet<>();

    /**
     * @param path the section's dotted path, empty for the document
     * @param node the mapping, or null when the section is absent (every key then takes its default)
     * @param problems where problems are added
     */
    ConfigSection(String path, JsonNode node, List<ConfigProblem> problems) {
        this.path = path;
        this.node = node;
        this.problems = problems;
    }

    /** The section's own dotted path, {@code regions[1]}; empty for the document. */
    String path() {
        return path;
    }

    /** The dotted path of a key of this section, {@code failover.media-timeout}. */
    String keyOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void problem(String key, String message) {
        problems.add(new ConfigProblem(keyOf(key), message));
    }

    /** True when the key is present with a value (an empty value, {@code key:}, counts as absent). */
    boolean has(String key) {
        return value(key) != null;
    }

    /** The text of a scalar; {@code dflt} when absent, null with a problem when required and absent. */
    String text(String key, String dflt, String whenMissing) {
        JsonNode value = value(key);
        if (value == null) {
            if (dflt == null) {
                problem(key, "missing; " + whenMissing);
            }
            return dflt;
        }
        if (!value.isValueNode()) {
            problem(key, describe(value) + " is not a single value; " + whenMissing);
            return null;
        }
        return value.asText();
    }

    Duration duration(String key, Duration dflt, Duration min, Duration max) {
        JsonNode value = value(key);
        if (value == null) {
            return dflt;
        }
        if (value.isNumber()) {
            problem(key, value.asText() + " has no unit; write it like " + value.asText() + "ms or " + value.asText() + "s");
            return null;
        }
        if (!value.isTextual()) {
            problem(key, describe(value) + " is not a duration; " + ConfigDuration.EXAMPLE);
            return null;
        }
        String text = value.textValue();
        Duration duration;
        try {
            duration = ConfigDuration.parse(text);
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return null;
        }
        if (duration.compareTo(min) < 0) {
            problem(key, ConfigProblem.quote(text) + " is too short; write at least " + ConfigDuration.format(min));
            return null;
        }
        if (duration.compareTo(max) > 0) {
            problem(key, ConfigProblem.quote(text) + " is too long; write at most " + ConfigDuration.format(max));
            return null;
        }
        return duration;
    }

    /** A whole number in {@code [min, max]}; {@code dflt} null makes the key required. */
    Integer integer(String key, Integer dflt, int min, int max, String whenMissing) {
        JsonNode value = value(key);
        if (value == null) {
            if (dflt == null) {
                problem(key, "missing; " + whenMissing);
            }
            return dflt;
        }
        String range = "write a whole number from " + min + " to " + max;
        long number;
        if (value.isIntegralNumber()) {
            if (!value.canConvertToLong()) {
                problem(key, value.asText() + " is out of range; " + range);
                return null;
            }
            number = value.longValue();
        } else if (value.isTextual() && WHOLE_NUMBER.matcher(value.textValue()).matches()) {
            number = Long.parseLong(value.textValue().strip());
        } else {
            problem(key, describe(value) + " is not a whole number; " + range);
            return null;
        }
        if (number < min || number > max) {
            problem(key, value.asText() + " is out of range; " + range);
            return null;
        }
        return (int) number;
    }

    /** One of an enum's constants, written in lower case with '-' ({@code first-packet}). */
    <E extends Enum<E>> E choice(String key, Class<E> type, E dflt, String noun) {
        JsonNode value = value(key);
        if (value == null) {
            return dflt;
        }
        StringJoiner choices = new StringJoiner(", ");
        E[] constants = type.getEnumConstants();
        for (int i = 0; i < constants.length; i++) {
            String name = configName(constants[i]);
            if (value.isValueNode() && value.asText().strip().toLowerCase(Locale.ROOT).equals(name)) {
                return constants[i];
            }
            choices.add(name);
        }
        String options = choices.toString();
        int lastComma = options.lastIndexOf(", ");
        if (lastComma >= 0) {
            options = options.substring(0, lastComma) + " or " + options.substring(lastComma + 2);
        }
        problem(key, describe(value) + " is not " + noun + "; write " + options);
        return null;
    }

    InetSocketAddress socketAddress(String key, InetSocketAddress dflt) {
        if (!has(key)) {
            return dflt;
        }
        String text = scalar(key, "an address and port", "write it like " + SocketAddressSyntax.format(dflt)
                + "; quote an IPv6 address: \"[::1]:" + dflt.getPort() + "\"");
        if (text == null) {
            return null;
        }
        try {
            return SocketAddressSyntax.parseSocketAddress(text, dflt.getPort());
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return null;
        }
    }

    InetAddress address(String key, InetAddress dflt) {
        if (!has(key)) {
            return dflt;
        }
        String text = scalar(key, "an IP address", "write it like " + SocketAddressSyntax.address(dflt));
        if (text == null) {
            return null;
        }
        try {
            return SocketAddressSyntax.parseAddress(text);
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return null;
        }
    }

    PortRange portRange(String key, PortRange dflt) {
        if (!has(key)) {
            return dflt;
        }
        String text = scalar(key, "a port range", "write it like " + PortRange.EXAMPLE);
        if (text == null) {
            return null;
        }
        try {
            return PortRange.parse(text);
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return null;
        }
    }

    /** A required SIP URI; {@code example} shows what to write. */
    SipUri sipUri(String key, String example) {
        JsonNode value = value(key);
        if (value == null) {
            problem(key, "missing; write a SIP URI like " + example);
            return null;
        }
        if (!value.isTextual()) {
            problem(key, describe(value) + " is not a SIP URI; write it like " + example);
            return null;
        }
        try {
            return ConfigSipUri.parse(value.textValue(), example);
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return null;
        }
    }

    /** An optional http(s) URL: empty when absent, null with a problem when unusable. */
    Optional<URI> httpUrl(String key, String example) {
        if (!has(key)) {
            return Optional.empty();
        }
        String text = scalar(key, "a URL", "write it like " + example);
        if (text == null) {
            return null;
        }
        URI url;
        try {
            url = new URI(text.strip());
        } catch (URISyntaxException e) {
            problem(key, ConfigProblem.quote(text) + " is not a URL (" + e.getReason() + " at index " + e.getIndex()
                    + "); write it like " + example);
            return null;
        }
        if (!RegionConfig.isHttpUrl(url)) {
            problem(key, ConfigProblem.quote(text) + " is not an http or https URL with a host; write it like " + example);
            return null;
        }
        return Optional.of(url);
    }

    /**
     * An optional file path, resolved against {@code baseDirectory} when relative: empty when
     * absent, null with a problem when it is not a path.
     */
    Optional<Path> path(String key, Path baseDirectory, String example) {
        if (!has(key)) {
            return Optional.empty();
        }
        String text = scalar(key, "a file path", "write it like " + example);
        if (text == null) {
            return null;
        }
        try {
            return Optional.of(baseDirectory.resolve(text));
        } catch (InvalidPathException e) {
            problem(key, ConfigProblem.quote(text) + " is not a file path (" + e.getReason() + "); write it like " + example);
            return null;
        }
    }

    /** A list of scalars; {@code dflt} when absent. */
    List<String> textList(String key, List<String> dflt, String example) {
        JsonNode value = value(key);
        if (value == null) {
            return dflt;
        }
        if (!value.isArray()) {
            problem(key, describe(value) + " is not a list; write it like " + example);
            return null;
        }
        List<String> out = new ArrayList<>(value.size());
        boolean ok = true;
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isValueNode() || item.isNull()) {
                problems.add(new ConfigProblem(keyOf(key) + "[" + i + "]", describe(item)
                        + " is not a single value; write it like " + example));
                ok = false;
            } else {
                out.add(item.asText());
            }
        }
        return ok ? out : null;
    }

    /** A nested mapping; an empty section when absent, null with a problem when not a mapping. */
    ConfigSection section(String key, String example) {
        JsonNode value = value(key);
        if (value == null) {
            return new ConfigSection(keyOf(key), null, problems);
        }
        if (!value.isObject()) {
            problem(key, describe(value) + " is not a mapping of keys; write it like " + example);
            return null;
        }
        return new ConfigSection(keyOf(key), value, problems);
    }

    /**
     * A list of mappings ({@code regions[0]}, {@code regions[1]}...): empty when absent, null with a
     * problem when not a list; an item that is not a mapping is reported and left out.
     */
    List<ConfigSection> sections(String key, String example) {
        JsonNode value = value(key);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            problem(key, describe(value) + " is not a list; write it like " + example);
            return null;
        }
        List<ConfigSection> out = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            String itemPath = keyOf(key) + "[" + i + "]";
            JsonNode item = value.get(i);
            if (item.isObject()) {
                out.add(new ConfigSection(itemPath, item, problems));
            } else {
                problems.add(new ConfigProblem(itemPath, describe(item) + " is not a mapping of keys; write it like "
                        + example));
            }
        }
        return out;
    }

    /** Reports every key of this mapping that no reader asked for, with the closest known key. */
    void rejectUnknownKeys() {
        if (node == null) {
            return;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!knownKeys.contains(name)) {
                String closest = KeySuggestion.closest(name, knownKeys);
                problem(name, closest != null
                        ? "unknown key; did you mean " + closest + "?"
                        : "unknown key; the keys here are " + String.join(", ", knownKeys));
            }
        }
    }

    /** An enum constant as the configuration writes it: {@code FIRST_PACKET} is {@code first-packet}. */
    static String configName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A value as a problem names it: quoted text, a bare number, or "a list" / "a mapping". */
    static String describe(JsonNode value) {
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isTextual()) {
            return ConfigProblem.quote(value.textValue());
        }
        return value.asText();
    }

    /**
     * A present key's scalar as text; null with a problem when a list or mapping. {@code what} names
     * the expected value, {@code fix} says what to write.
     */
    private String scalar(String key, String what, String fix) {
        JsonNode value = value(key);
        if (!value.isValueNode()) {
            problem(key, describe(value) + " is not " + what + "; " + fix);
            return null;
        }
        return value.asText();
    }

    private JsonNode value(String key) {
        knownKeys.add(key);
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }
}
