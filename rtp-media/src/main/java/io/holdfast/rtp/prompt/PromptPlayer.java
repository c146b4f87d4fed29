package io.holdfast.rtp.prompt;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Plays one prompt, looped, into one call's caller-facing stream while the call is on hold: one
 * 20 ms frame per tick of the event loop's {@link PromptTicker}, handed to a {@link PromptFrameSink}.
 *
 * <pre>
 *   IDLE ──start──► STARTING ──tick: frame 0, firstFrame──► PLAYING ──tick: next frame(s)──► PLAYING
 *   IDLE, STARTING, PLAYING ──startNow: frame 0, firstFrame, at once──► PLAYING
 *   STARTING, PLAYING ──stop──► IDLE
 *   STARTING, PLAYING ──start──► STARTING        (restart from frame 0)
 * </pre>
 *
 * <p><b>Frame boundaries.</b> A frame goes to the sink whole, inside one tick, so {@link #start} and
 * {@link #stop()} always fall between two frames: {@code start} plays frame 0 (marked
 * {@code firstFrame}) on the next tick, and {@code stop} takes effect at once, after the last frame
 * already sent, which is complete. After the last frame the prompt wraps to frame 0 without a marker.
 *
 * <p><b>Packet clock.</b> Every frame covers {@link EncodedPrompt#FRAME_SAMPLES} samples and the sink
 * advances the RTP timestamp by exactly that: timestamps count frames sent, not wall time.
 *
 * <p><b>Late ticks.</b> Frames are due every 20 ms from the first tick after {@code start}; a tick
 * within half a frame of the due time is on time. When a tick comes later than that (a GC pause, a
 * stalled loop), the player sends the frame that is due plus at most {@link #MAX_CATCH_UP_FRAMES} more,
 * and gives up the remaining slots: the prompt goes on from the next frame (no audio is skipped), the
 * schedule keeps its 20 ms grid, and the receiver sees a short late burst instead of a flood of
 * back-to-back packets that its jitter buffer would discard. {@link #frameSlotsSkipped()} counts the
 * slots given up.
 *
 * <p>No allocation per tick: the player reads its prompt through one view made at {@code start} and
 * moves that view's indices from frame to frame. Confined to the event loop of its ticker.
 */
public final class PromptPlayer {
    /** Frames sent in addition to the due one when a tick is late; the rest of the backlog is dropped. */
    public static final int MAX_CATCH_UP_FRAMES = 1;

    /** A tick up to this much before a frame's due time still sends it. */
    static final long ON_TIME_TOLERANCE_NS = EncodedPrompt.FRAME_DURATION_NS / 2;

    /** Where the player is; see the class diagram. */
    enum State {
        /** Not playing: never started, or stopped. */
        IDLE,
        /** Started; frame 0 goes out on the next tick. */
        STARTING,
        /** Sending one frame per tick. */
        PLAYING
    }

    private final PromptFrameSink sink;
    private final PromptTicker ticker;

    private State state = State.IDLE;
    private EncodedPrompt prompt;
    private ByteBuf view;
    private int nextFrame;
    private long nextFrameDueNs;

    /** True while the ticker holds this player in its array; read and written by the ticker only. */
    boolean registered;

    private long framesSent;
    private long frameSlotsSkipped;
    private long passesCompleted;

    /**
     * @param sink where frames go: the call's caller-facing stream
     * @param ticker the ticker of the event loop that owns the call
     */
    public PromptPlayer(PromptFrameSink sink, PromptTicker ticker) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /**
     * Starts {@code prompt} in {@code codec} from its first frame, which goes out, marked
     * {@code firstFrame}, on the next tick. Restarts from frame 0 when already playing. Allocates a
     * view when the prompt differs from the last one played, never per tick.
     *
     * @throws IllegalStateException when not called on the ticker's event loop
     */
    public void start(Prompt prompt, PromptCodec codec) {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(codec, "codec");
        start(prompt.encoded(codec));
    }

    /** As {@link #start(Prompt, PromptCodec)} with the frames of one codec. */
    public void start(EncodedPrompt encodedPrompt) {
        Objects.requireNonNull(encodedPrompt, "encodedPrompt");
        ticker.register(this);
        if (encodedPrompt != prompt) {
            prompt = encodedPrompt;
            view = encodedPrompt.newView();
        }
        nextFrame = 0;
        state = State.STARTING;
    }

    /**
     * Starts {@code encodedPrompt} from its first frame and sends that frame, marked {@code firstFrame},
     * at once instead of on the next tick: for a failover, whose caller must hear the prompt within one
     * packet interval of the detection. The next frame is due 20 ms after {@code nowNs} and goes out on
     * the first tick within half a frame of that; the ticks keep the pace from then on.
     *
     * @param nowNs the time on the ticker's time base ({@link PromptTicker#nowNs()})
     * @throws IllegalStateException when not called on the ticker's event loop
     */
    public void startNow(EncodedPrompt encodedPrompt, long nowNs) {
        start(encodedPrompt);
        state = State.PLAYING;
        nextFrameDueNs = nowNs + EncodedPrompt.FRAME_DURATION_NS;
        sendNextFrame(true);
    }

    /**
     * Frames left until the end of the current pass of the prompt (the whole prompt when it has not
     * started): what a caller who must hear the prompt to its end still has to hear. 0 when idle.
     */
    public int framesLeftInPass() {
        if (state == State.IDLE) {
            return 0;
        }
        return state == State.STARTING ? prompt.frameCount() : nextFrame == 0 ? 0 : prompt.frameCount() - nextFrame;
    }

    /**
     * Stops playout at the current frame boundary: the last frame sent was whole and no further frame
     * is sent. Does nothing when not playing. The ticker forgets the player on its next tick.
     */
    public void stop() {
        state = State.IDLE;
    }

    /** True from {@link #start} until {@link #stop()}. */
    public boolean isPlaying() {
        return state != State.IDLE;
    }

    /** Frames handed to the sink since this player was made. */
    public long framesSent() {
        return framesSent;
    }

    /** Frame slots given up because a tick came too late (see "Late ticks" above). */
    public long frameSlotsSkipped() {
        return frameSlotsSkipped;
    }

    /** Times the prompt wrapped from its last frame back to frame 0. */
    public long passesCompleted() {
        return passesCompleted;
    }

    State state() {
        return state;
    }

    /**
     * One tick of the loop's 20 ms grid: sends the frames now due.
     *
     * @param nowNs the tick's time, from the ticker
     */
    void onTick(long nowNs) {
        switch (state) {
            case IDLE -> {
            }
            case STARTING -> {
                state = State.PLAYING;
                nextFrameDueNs = nowNs + EncodedPrompt.FRAME_DURATION_NS;
                sendNextFrame(true);
            }
            case PLAYING -> sendDueFrames(nowNs);
        }
    }

    private void sendDueFrames(long nowNs) {
        long lateNs = nowNs - nextFrameDueNs;
        if (lateNs < -ON_TIME_TOLERANCE_NS) {
            return;
        }
        long due = 1 + (lateNs + ON_TIME_TOLERANCE_NS) / EncodedPrompt.FRAME_DURATION_NS;
        long toSend = Math.min(due, 1 + MAX_CATCH_UP_FRAMES);
        nextFrameDueNs += due * EncodedPrompt.FRAME_DURATION_NS;
        frameSlotsSkipped += due - toSend;
        for (long i = 0; i < toSend && state == State.PLAYING; i++) {
            sendNextFrame(false);
        }
    }

    private void sendNextFrame(boolean firstFrame) {
        int index = nextFrame;
        if (index + 1 == prompt.frameCount()) {
            nextFrame = 0;
            passesCompleted++;
        } else {
            nextFrame = index + 1;
        }
        int offset = EncodedPrompt.frameOffset(index);
        view.setIndex(offset, offset + EncodedPrompt.FRAME_BYTES);
        framesSent++;
        sink.sendFrame(view, EncodedPrompt.FRAME_SAMPLES, firstFrame);
    }
}
