package io.holdfast.relay.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The duration syntax of holdfast's configuration: a whole number and a unit, {@code 60ms},
 * {@code 8s}, {@code 2m}, {@code 1h}. Nothing else is accepted, so that {@code 60} (which unit?) and
 * {@code 1.5s} are refused with a message saying what to write. Stateless.
 */
public final class ConfigDuration {
    /** What every refusal suggests. */
    static final String EXAMPLE = "write it like 60ms or 2s";

    private static final int MAX_DIGITS = 9;

    private ConfigDuration() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException with a message that quotes the text and says what to write,
     *         for example {@code "abc" is not a duration; write it like 60ms or 2s}
     */
    public static Duration parse(String text) {
        Objects.requireNonNull(text, "text");
        String quoted = ConfigProblem.quote(text);
        String trimmed = text.strip();
        int digitsEnd = 0;
        while (digitsEnd < trimmed.length() && isAsciiDigit(trimmed.charAt(digitsEnd))) {
            digitsEnd++;
        }
        if (trimmed.startsWith("-") && trimmed.length() > 1 && isAsciiDigit(trimmed.charAt(1))) {
            throw new IllegalArgumentException(quoted + " is negative; write a positive duration like 60ms or 2s");
        }
        if (digitsEnd == 0) {
            throw new IllegalArgumentException(quoted + " is not a duration; " + EXAMPLE);
        }
        String unitText = trimmed.substring(digitsEnd).strip();
        if (unitText.startsWith(".") || unitText.startsWith(",")) {
            throw new IllegalArgumentException(quoted + " is not a whole number; write it in a smaller unit, like 1500ms for 1.5s");
        }
        if (unitText.isEmpty()) {
            throw new IllegalArgumentException(quoted + " has no unit; write it like " + trimmed + "ms or " + trimmed + "s");
        }
        ChronoUnit unit = unit(unitText);
        if (unit == null) {
            throw new IllegalArgumentException(quoted + " has an unknown unit \"" + unitText + "\"; use ms, s, m or h, like 60ms or 2s");
        }
        if (digitsEnd > MAX_DIGITS) {
            throw new IllegalArgumentException(quoted + " is too large; write at most " + MAX_DIGITS + " digits, like 8s");
        }
        return Duration.of(Long.parseLong(trimmed.substring(0, digitsEnd)), unit);
    }

    /**
     * Writes {@code duration} in the largest unit that holds it exactly ({@code 2m}, {@code 1500ms}),
     * so that {@link #parse} reads it back; a duration with a fraction of a millisecond is written in
     * microseconds or nanoseconds ({@code 250us}, {@code 10ns}), which only this method writes.
     */
    public static String format(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        long nanos;
        try {
            nanos = duration.toNanos();
        } catch (ArithmeticException e) {
            return duration.toHours() + "h";
        }
        if (nanos == 0) {
            return "0s";
        }
        if (nanos % 1_000_000L != 0) {
            return nanos % 1_000L == 0 ? nanos / 1_000L + "us" : nanos + "ns";
        }
        long millis = nanos / 1_000_000L;
        if (millis % 3_600_000L == 0) {
            return millis / 3_600_000L + "h";
        }
        if (millis % 60_000L == 0) {
            return millis / 60_000L + "m";
        }
        if (millis % 1_000L == 0) {
            return millis / 1_000L + "s";
        }
        return millis + "ms";
    }

    /**
     * Checks that {@code value} lies within {@code [min, max]}; for record constructors, whose
     * callers validated already.
     *
     * @throws IllegalArgumentException naming {@code key} when it does not
     */
    static Duration requireWithin(String key, Duration value, Duration min, Duration max) {
        Objects.requireNonNull(value, key);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(key + " must be from " + format(min) + " to " + format(max)
                    + ", was " + format(value));
        }
        return value;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static ChronoUnit unit(String text) {
        return switch (text) {
            case "ms" -> ChronoUnit.MILLIS;
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            case "h" -> ChronoUnit.HOURS;
            default -> null;
        };
    }
}
