package io.holdfast.sip.sdp;

import java.util.Locale;
import java.util.Objects;

/**
 * A payload format holdfast can handle, named as RTP names it (RFC 4855 §3: encoding names compare
 * case-insensitively): {@code PCMU/8000}, {@code telephone-event/8000}. Offer/answer matches it
 * against the {@link RtpMap}s of an offer by name, clock rate and channels, never by payload type.
 */
public record Codec(String encodingName, int clockRate, int channels) {
    public static final Codec PCMU = new Codec("PCMU", 8000, 1);
    public static final Codec PCMA = new Codec("PCMA", 8000, 1);
    public static final Codec G722 = new Codec("G722", 8000, 1);
    public static final Codec TELEPHONE_EVENT_8000 = new Codec(RtpMap.TELEPHONE_EVENT, 8000, 1);

    public Codec {
        Objects.requireNonNull(encodingName, "encodingName");
        if (encodingName.isEmpty() || !SdpSyntax.isToken(encodingName)) {
            throw new IllegalArgumentException("bad encoding name: " + encodingName);
        }
        if (clockRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("clock rate and channels must be positive");
        }
    }

    /** Parses {@code name/clock[/channels]}, e.g. {@code PCMA/8000} or {@code opus/48000/2}. */
    public static Codec of(String format) {
        String[] parts = format.split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("expected name/clock[/channels]: " + format);
        }
        long clock = SdpSyntax.decimal(parts[1], Integer.MAX_VALUE);
        long channels = parts.length == 3 ? SdpSyntax.decimal(parts[2], Integer.MAX_VALUE) : 1;
        if (clock <= 0 || channels <= 0) {
            throw new IllegalArgumentException("bad clock rate or channels: " + format);
        }
        return new Codec(parts[0], (int) clock, (int) channels);
    }

    /** True when {@code map} is this payload format under any payload type. */
    public boolean matches(RtpMap map) {
        return encodingName.equalsIgnoreCase(map.encodingName()) && clockRate == map.clockRate()
                && channels == map.channels();
    }

    @Override
    public String toString() {
        String name = encodingName.toUpperCase(Locale.ROOT) + '/' + clockRate;
        return channels == 1 ? name : name + '/' + channels;
    }
}
