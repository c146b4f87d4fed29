package io.holdfast.rtp.ring;

/** Receives the samples drained from a {@link MediaSampleRing}, on the consumer's thread. */
@FunctionalInterface
public interface MediaSampleHandler {

    /**
     * Handles one sample.
     *
     * @param streamId the stream the sample is about (see the producer for its encoding)
     * @param upstreamTag the producer's tag for the upstream (region) the stream belongs to
     * @param kind what is measured
     * @param value the measured value, in the kind's unit
     * @param timeNs when it was measured, from the producing loop's clock
     */
    void onSample(long streamId, int upstreamTag, MediaSampleKind kind, double value, long timeNs);
}
