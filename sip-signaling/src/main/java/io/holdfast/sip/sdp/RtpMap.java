package io.holdfast.sip.sdp;

import java.util.Locale;
import java.util.Objects;

/**
 * One RTP payload format (RFC 8866 §6.6 {@code a=rtpmap:<payload type> <encoding name>/<clock
 * rate>[/<encoding parameters>]}), or the RFC 3551 §6 default of a static payload type announced
 * without {@code a=rtpmap}. {@code channels} is the audio encoding parameter, 1 when absent.
 */
public record RtpMap(int payloadType, String encodingName, int clockRate, int channels) {
    /** Encoding name of RFC 4733 named telephone events (DTMF). */
    public static final String TELEPHONE_EVENT = "telephone-event";
    /** Encoding name of RFC 3389 comfort noise. */
    public static final String COMFORT_NOISE = "CN";

    private static final RtpMap[] STATIC = new RtpMap[35];

    static {
        String[] table = {
            "0 PCMU/8000", "3 GSM/8000", "4 G723/8000", "5 DVI4/8000", "6 DVI4/16000", "7 LPC/8000",
            "8 PCMA/8000", "9 G722/8000", "10 L16/44100/2", "11 L16/44100", "12 QCELP/8000",
            "13 CN/8000", "14 MPA/90000", "15 G728/8000", "16 DVI4/11025", "17 DVI4/22050",
            "18 G729/8000", "25 CelB/90000", "26 JPEG/90000", "28 nv/90000", "31 H261/90000",
            "32 MPV/90000", "33 MP2T/90000", "34 H263/90000",
        };
        for (String row : table) {
            int space = row.indexOf(' ');
            String[] parts = row.substring(space + 1).split("/");
            int pt = Integer.parseInt(row.substring(0, space));
            STATIC[pt] = new RtpMap(pt, parts[0], Integer.parseInt(parts[1]),
                    parts.length > 2 ? Integer.parseInt(parts[2]) : 1);
        }
    }

    public RtpMap {
        Objects.requireNonNull(encodingName, "encodingName");
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type out of range: " + payloadType);
        }
        if (encodingName.isEmpty() || !SdpSyntax.isToken(encodingName)) {
            throw new IllegalArgumentException("bad encoding name: " + encodingName);
        }
        if (clockRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("clock rate and channels must be positive");
        }
    }

    /** The RFC 3551 default for a static payload type, or {@code null} (dynamic or unassigned). */
    public static RtpMap ofStatic(int payloadType) {
        return payloadType >= 0 && payloadType < STATIC.length ? STATIC[payloadType] : null;
    }

    /** True for RFC 4733 telephone events. */
    public boolean isTelephoneEvent() {
        return TELEPHONE_EVENT.equalsIgnoreCase(encodingName);
    }

    /** True for RFC 3389 comfort noise. */
    public boolean isComfortNoise() {
        return COMFORT_NOISE.equalsIgnoreCase(encodingName);
    }

    /** True when this format carries the voice itself rather than DTMF events or comfort noise. */
    public boolean isVoiceCodec() {
        return !isTelephoneEvent() && !isComfortNoise();
    }

    /** The value of an {@code a=rtpmap:} line, without {@code a=rtpmap:}. */
    public String toSdpValue() {
        String value = payloadType + " " + encodingName + '/' + clockRate;
        return channels == 1 ? value : value + '/' + channels;
    }

    /** {@code encoding/clock[/channels]} in upper case, e.g. {@code PCMU/8000}. */
    public String format() {
        String name = encodingName.toUpperCase(Locale.ROOT) + '/' + clockRate;
        return channels == 1 ? name : name + '/' + channels;
    }

    @Override
    public String toString() {
        return toSdpValue();
    }
}
