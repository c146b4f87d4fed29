package io.holdfast.benchmarks.sim;

import io.holdfast.rtp.prompt.PromptCodec;

/** Builds {@link RtpRecording}s for tests in other packages: packets of a voice (or other bytes) at given times. */
public final class TestRecordings {
    private final RtpRecording recording = new RtpRecording(1_000);
    private int sequence;

    /** A packet carrying the first PCMU frame of {@code voice}, arrived at {@code arrivalNs}. */
    public TestRecordings frameOf(AgentVoice voice, long arrivalNs) {
        return packet(voice.frame(PromptCodec.PCMU, 0), arrivalNs);
    }

    /** A packet carrying {@code payload}, arrived at {@code arrivalNs}. */
    public TestRecordings packet(byte[] payload, long arrivalNs) {
        recording.add(new ReceivedRtp(arrivalNs, 0x1234, sequence++ & 0xffff, 160L * sequence, false, 0, payload));
        return this;
    }

    public RtpRecording recording() {
        return recording;
    }
}
