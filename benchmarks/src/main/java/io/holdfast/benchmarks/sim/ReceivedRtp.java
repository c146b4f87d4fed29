package io.holdfast.benchmarks.sim;

import java.util.Arrays;

/**
 * One RTP packet as a simulated party received it.
 *
 * @param arrivalNs      when it arrived, on the recorder's {@code NanoClock}
 * @param ssrc           its SSRC, 0 to 2^32-1
 * @param sequenceNumber its sequence number, 0 to 65535
 * @param timestamp      its RTP timestamp, 0 to 2^32-1
 * @param marker         its marker bit
 * @param payloadType    its payload type
 * @param payload        its payload bytes
 */
public record ReceivedRtp(long arrivalNs, long ssrc, int sequenceNumber, long timestamp, boolean marker, int payloadType,
                          byte[] payload) {
    public ReceivedRtp {
        payload = payload.clone();
    }

    /** The payload (a copy). */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReceivedRtp that && arrivalNs == that.arrivalNs && ssrc == that.ssrc
                && sequenceNumber == that.sequenceNumber && timestamp == that.timestamp && marker == that.marker
                && payloadType == that.payloadType && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(arrivalNs) * 31 + sequenceNumber;
    }

    @Override
    public String toString() {
        return "ReceivedRtp[ssrc=" + Long.toHexString(ssrc) + ", seq=" + sequenceNumber + ", ts=" + timestamp
                + (marker ? ", M" : "") + ", pt=" + payloadType + ", " + payload.length + " bytes, at " + arrivalNs + " ns]";
    }
}
