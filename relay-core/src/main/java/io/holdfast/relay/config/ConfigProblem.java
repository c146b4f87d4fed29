package io.holdfast.relay.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration: where it is and what to do about it.
 *
 * @param key the dotted path of the key ({@code regions[1].uri}), or {@code line 3, column 7} for a
 *            YAML syntax error, or the file itself for a problem with the whole document
 * @param message the value found and the fix, for example
 *                {@code "abc" is not a duration; write it like 60ms or 2s}
 */
public record ConfigProblem(String key, String message) {
    public ConfigProblem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    /** The line an operator reads: {@code key: message}. */
    @Override
    public String toString() {
        return key + ": " + message;
    }

    /**
     * A value as problems show it: in double quotes, with quotes, backslashes and control
     * characters escaped so that one problem stays on one line.
     */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
