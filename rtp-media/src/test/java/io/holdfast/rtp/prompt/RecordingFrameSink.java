package io.holdfast.rtp.prompt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.List;

/** A sink that copies every frame it is given, as a real sink copies into its outgoing packet. */
final class RecordingFrameSink implements PromptFrameSink {
    /** One frame as the sink saw it. */
    record SentFrame(byte[] payload, int samples, boolean firstFrame, boolean readOnly, ByteBuf buffer, Thread thread) {
    }

    private final List<SentFrame> frames = new ArrayList<>();
    private Runnable afterFrame = () -> { };

    @Override
    public void sendFrame(ByteBuf payload, int samples, boolean firstFrame) {
        byte[] copy = ByteBufUtil.getBytes(payload, payload.readerIndex(), payload.readableBytes());
        frames.add(new SentFrame(copy, samples, firstFrame, payload.isReadOnly(), payload, Thread.currentThread()));
        afterFrame.run();
    }

    /** Runs {@code action} after every frame, inside {@code sendFrame}. */
    void afterFrame(Runnable action) {
        afterFrame = action;
    }

    List<SentFrame> frames() {
        return frames;
    }

    SentFrame frame(int index) {
        return frames.get(index);
    }

    int count() {
        return frames.size();
    }

    /** The index in {@code prompt} of every frame received, or -1 for a frame that is not one of it. */
    List<Integer> frameIndices(EncodedPrompt prompt) {
        List<Integer> indices = new ArrayList<>(frames.size());
        for (SentFrame sent : frames) {
            indices.add(TestPrompts.indexOf(prompt, sent.payload()));
        }
        return indices;
    }

    List<Boolean> firstFrameFlags() {
        List<Boolean> flags = new ArrayList<>(frames.size());
        for (SentFrame sent : frames) {
            flags.add(sent.firstFrame());
        }
        return flags;
    }
}
