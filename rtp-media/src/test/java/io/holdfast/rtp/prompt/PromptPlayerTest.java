package io.holdfast.rtp.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Drives {@link PromptPlayer#onTick} directly with a fake clock: {@code nowNs} is chosen by each test. */
class PromptPlayerTest {
    private static final long T0 = 1_000_000_000L;
    private static final long FRAME = EncodedPrompt.FRAME_DURATION_NS;
    private static final long HALF = PromptPlayer.ON_TIME_TOLERANCE_NS;

    private final RecordingFrameSink sink = new RecordingFrameSink();
    private final PromptTicker ticker = new PromptTicker(ImmediateEventExecutor.INSTANCE);
    private final PromptPlayer player = new PromptPlayer(sink, ticker);
    private final EncodedPrompt fiveFrames = TestPrompts.distinctFrames(5, PromptCodec.PCMU);

    @Test
    void shouldSendNothingWhenIdle() {
        player.onTick(T0);

        assertThat(sink.count()).isZero();
        assertThat(player.isPlaying()).isFalse();
        assertThat(player.state()).isEqualTo(PromptPlayer.State.IDLE);
    }

    @Test
    void shouldWaitForNextTickWhenStarted() {
        player.start(fiveFrames);

        assertThat(player.state()).isEqualTo(PromptPlayer.State.STARTING);
        assertThat(player.isPlaying()).isTrue();
        assertThat(sink.count()).isZero();
        assertThat(ticker.activePlayers()).isEqualTo(1);
    }

    @Test
    void shouldSendFrameZeroMarkedFirstWhenFirstTickAfterStart() {
        player.start(fiveFrames);

        player.onTick(T0);

        assertThat(player.state()).isEqualTo(PromptPlayer.State.PLAYING);
        assertThat(sink.frameIndices(fiveFrames)).containsExactly(0);
        RecordingFrameSink.SentFrame first = sink.frame(0);
        assertThat(first.firstFrame()).isTrue();
        assertThat(first.samples()).isEqualTo(160);
        assertThat(first.payload()).hasSize(160);
        assertThat(first.readOnly()).isTrue();
    }

    @Test
    void shouldSendNextFrameWithoutMarkerOnEveryTickWhenPlaying() {
        player.start(fiveFrames);

        for (int i = 0; i < 4; i++) {
            player.onTick(T0 + i * FRAME);
        }

        assertThat(sink.frameIndices(fiveFrames)).containsExactly(0, 1, 2, 3);
        assertThat(sink.firstFrameFlags()).containsExactly(true, false, false, false);
        assertThat(sink.frames()).allSatisfy(frame -> {
            assertThat(frame.samples()).isEqualTo(EncodedPrompt.FRAME_SAMPLES);
            assertThat(frame.payload()).hasSize(EncodedPrompt.FRAME_BYTES);
        });
        assertThat(player.framesSent()).isEqualTo(4);
    }

    @Test
    void shouldWrapToFrameZeroWithoutMarkerWhenLastFrameSent() {
        EncodedPrompt threeFrames = TestPrompts.distinctFrames(3, PromptCodec.PCMA);
        player.start(threeFrames);

        for (int i = 0; i < 7; i++) {
            player.onTick(T0 + i * FRAME);
        }

        assertThat(sink.frameIndices(threeFrames)).containsExactly(0, 1, 2, 0, 1, 2, 0);
        assertThat(sink.firstFrameFlags()).containsExactly(true, false, false, false, false, false, false);
        assertThat(player.passesCompleted()).isEqualTo(2);
    }

    @Test
    void shouldLoopOneFramePromptWhenPlaying() {
        EncodedPrompt oneFrame = TestPrompts.distinctFrames(1, PromptCodec.PCMU);
        player.start(oneFrame);

        for (int i = 0; i < 3; i++) {
            player.onTick(T0 + i * FRAME);
        }

        assertThat(sink.frameIndices(oneFrame)).containsExactly(0, 0, 0);
        assertThat(sink.firstFrameFlags()).containsExactly(true, false, false);
    }

    @Test
    void shouldSendNoFurtherFrameWhenStoppedBetweenTicks() {
        player.start(fiveFrames);
        player.onTick(T0);
        player.onTick(T0 + FRAME);

        player.stop();
        player.onTick(T0 + 2 * FRAME);
        player.onTick(T0 + 3 * FRAME);

        assertThat(player.isPlaying()).isFalse();
        assertThat(player.state()).isEqualTo(PromptPlayer.State.IDLE);
        assertThat(sink.frameIndices(fiveFrames)).containsExactly(0, 1);
        assertThat(sink.frames()).allSatisfy(frame -> assertThat(frame.payload()).hasSize(EncodedPrompt.FRAME_BYTES));
    }

    @Test
    void shouldSendNothingWhenStoppedBeforeFirstTick() {
        player.start(fiveFrames);

        player.stop();
        player.onTick(T0);

        assertThat(player.state()).isEqualTo(PromptPlayer.State.IDLE);
        assertThat(sink.count()).isZero();
    }

    @Test
    void shouldDoNothingWhenStoppedWhileIdle() {
        player.stop();

        assertThat(player.state()).isEqualTo(PromptPlayer.State.IDLE);
        assertThat(ticker.activePlayers()).isZero();
    }

    @Test
    void shouldRestartFromFrameZeroMarkedFirstWhenStartedWhilePlaying() {
        player.start(fiveFrames);
        player.onTick(T0);
        player.onTick(T0 + FRAME);
        player.onTick(T0 + 2 * FRAME);

        player.start(fiveFrames);
        assertThat(player.state()).isEqualTo(PromptPlayer.State.STARTING);
        player.onTick(T0 + 3 * FRAME);
        player.onTick(T0 + 4 * FRAME);

        assertThat(sink.frameIndices(fiveFrames)).containsExactly(0, 1, 2, 0, 1);
        assertThat(sink.firstFrameFlags()).containsExactly(true, false, false, true, false);
        assertThat(ticker.activePlayers()).isEqualTo(1);
    }

    @Test
    void shouldRestartFromFrameZeroWhenStartedAgainBeforeFirstTick() {
        player.start(fiveFrames);
        player.start(fiveFrames);

        player.onTick(T0);

        assertThat(sink.frameIndices(fiveFrames)).containsExactly(0);
        assertThat(sink.firstFrameFlags()).containsExactly(true);
    }

    @Test
    void shouldPlayOtherPromptWhenStartedWithIt() {
        EncodedPrompt other = TestPrompts.distinctFrames(2, PromptCodec.PCMU);
        player.start(fiveFrames);
        player.onTick(T0);
        player.onTick(T0 + FRAME);

        player.start(EncodedPrompt.encode(PromptAudio.ofSamples("silence", new short[160]), PromptCodec.PCMU));
        player.onTick(T0 + 2 * FRAME);
        player.start(other);
        player.onTick(T0 + 3 * FRAME);
        player.onTick(T0 + 4 * FRAME);

        assertThat(sink.frame(2).payload()).containsOnly((byte) 0xFF);
        assertThat(sink.frameIndices(other).subList(3, 5)).containsExactly(0, 1);
        assertThat(sink.firstFrameFlags()).containsExactly(true, false, true, true, false);
    }

    @Test
    void shouldSendFramesOfNegotiatedCodecWhenStartedWithPrompt() {
        Prompt prompt = Prompt.encode(TestPrompts.distinctFrameAudio(2));
        RecordingFrameSink pcmaSink = new RecordingFrameSink();
        PromptPlayer pcmaPlayer = new PromptPlayer(pcmaSink, ticker);

        player.start(prompt, PromptCodec.PCMU);
        pcmaPlayer.start(prompt, PromptCodec.PCMA);
        player.onTick(T0);
        pcmaPlayer.onTick(T0);

        assertThat(sink.frame(0).payload()).isEqualTo(TestPrompts.frameBytes(prompt.encoded(PromptCodec.PCMU), 0));
        assertThat(pcmaSink.frame(0).payload()).isEqualTo(TestPrompts.frameBytes(prompt.encoded(PromptCodec.PCMA), 0));
        assertThat(sink.frame(0).payload()).isNotEqualTo(pcmaSink.frame(0).payload());
    }

    @Test
    void shouldHandOneReusedViewWhenSendingFrames() {
        player.start(fiveFrames);

        for (int i = 0; i < 6; i++) {
            player.onTick(T0 + i * FRAME);
        }

        assertThat(sink.frames()).extracting(RecordingFrameSink.SentFrame::buffer)
                .containsOnly(sink.frame(0).buffer());
    }

    @Test
    void shouldSendNothingWhenSameTickRepeats() {
        player.start(fiveFrames);

        player.onTick(T0);
        player.onTick(T0);
        player.onTick(T0 + FRAME);
        player.onTick(T0 + FRAME);

        assertThat(sink.frameIndices(fiveFrames)).containsExactly(0, 1);
    }

    @Test
    void shouldWaitWhenTickComesMoreThanHalfAFrameEarly() {
        player.start(fiveFrames);
        player.onTick(T0);

        player.onTick(T0 + FRAME - HALF - 1);
        assertThat(sink.count()).isEqualTo(1);
        player.onTick(T0 + FRAME - HALF);

        assertThat(sink.frameIndices(fiveFrames)).containsExactly(0, 1);
    }

    @Test
    void shouldSendOneFrameWhenTickIsLessThanHalfAFrameLate() {
        player.start(fiveFrames);
        player.onTick(T0);

        player.onTick(T0 + FRAME + HALF - 1);
        player.onTick(T0 + 2 * FRAME);

        assertThat(sink.frameIndices(fiveFrames)).containsExactly(0, 1, 2);
        assertThat(player.frameSlotsSkipped()).isZero();
    }

    @Test
    void shouldSendOneExtraFrameWhenTickIsOneFrameLate() {
        player.start(fiveFrames);
        player.onTick(T0);

        player.onTick(T0 + 2 * FRAME);
        assertThat(sink.count()).isEqualTo(3);
        player.onTick(T0 + 3 * FRAME);

        assertThat(sink.frameIndices(fiveFrames)).containsExactly(0, 1, 2, 3);
        assertThat(player.frameSlotsSkipped()).isZero();
    }

    @Test
    void shouldSkipNoSlotWhenTickIsJustUnderTwoAndAHalfFramesLate() {
        player.start(fiveFrames);
        player.onTick(T0);

        player.onTick(T0 + FRAME + 3 * HALF - 1);

        assertThat(sink.count()).isEqualTo(3);
        assertThat(player.frameSlotsSkipped()).isZero();
    }

    @Test
    void shouldSkipOneSlotWhenTickIsTwoAndAHalfFramesLate() {
        player.start(fiveFrames);
        player.onTick(T0);

        player.onTick(T0 + FRAME + 3 * HALF);

        assertThat(sink.count()).isEqualTo(1 + 1 + PromptPlayer.MAX_CATCH_UP_FRAMES);
        assertThat(player.frameSlotsSkipped()).isEqualTo(1);
    }

    @Test
    void shouldSendAtMostOneExtraFrameAndSkipNoAudioWhenTickIsFiveFramesLate() {
        player.start(fiveFrames);
        player.onTick(T0);

        player.onTick(T0 + 6 * FRAME);
        assertThat(sink.count()).isEqualTo(3);
        player.onTick(T0 + 7 * FRAME);
        player.onTick(T0 + 8 * FRAME);

        assertThat(sink.frameIndices(fiveFrames)).containsExactly(0, 1, 2, 3, 4);
        assertThat(sink.firstFrameFlags()).containsExactly(true, false, false, false, false);
        assertThat(player.frameSlotsSkipped()).isEqualTo(4);
        assertThat(sink.frames()).allSatisfy(frame -> assertThat(frame.samples()).isEqualTo(160));
    }

    @Test
    void shouldKeepTwentyMillisecondGridWhenTickWasLate() {
        player.start(fiveFrames);
        player.onTick(T0);
        player.onTick(T0 + 6 * FRAME);

        player.onTick(T0 + 7 * FRAME - HALF - 1);
        assertThat(sink.count()).isEqualTo(3);
        player.onTick(T0 + 7 * FRAME - HALF);

        assertThat(sink.count()).isEqualTo(4);
    }

    @Test
    void shouldStopInsideCatchUpWhenSinkStopsPlayer() {
        player.start(fiveFrames);
        player.onTick(T0);
        sink.afterFrame(player::stop);

        player.onTick(T0 + 4 * FRAME);

        assertThat(sink.frameIndices(fiveFrames)).containsExactly(0, 1);
        assertThat(player.isPlaying()).isFalse();
    }

    @Test
    void shouldRefuseStartWhenNotOnTickerEventLoop() throws InterruptedException {
        DefaultEventExecutor loop = new DefaultEventExecutor();
        try {
            PromptPlayer offLoop = new PromptPlayer(sink, new PromptTicker(loop));

            assertThatThrownBy(() -> offLoop.start(fiveFrames))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("event loop");
            assertThat(offLoop.isPlaying()).isFalse();
        } finally {
            loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldSendFrameZeroMarkedFirstAtOnceWhenStartedNow() {
        player.startNow(fiveFrames, T0);

        assertThat(player.state()).isEqualTo(PromptPlayer.State.PLAYING);
        assertThat(sink.frameIndices(fiveFrames)).containsExactly(0);
        assertThat(sink.firstFrameFlags()).containsExactly(true);
        assertThat(ticker.activePlayers()).isEqualTo(1);
    }

    @Test
    void shouldSendSecondFrameOnFirstTickWithinHalfAFrameOfDueTimeWhenStartedNow() {
        player.startNow(fiveFrames, T0);

        player.onTick(T0 + FRAME - HALF - 1);
        assertThat(sink.count()).isEqualTo(1);
        player.onTick(T0 + FRAME - HALF);

        assertThat(sink.frameIndices(fiveFrames)).containsExactly(0, 1);
        assertThat(sink.firstFrameFlags()).containsExactly(true, false);
    }

    @Test
    void shouldCountFramesLeftInPassWhenPlaying() {
        assertThat(player.framesLeftInPass()).isZero();
        player.start(fiveFrames);
        assertThat(player.framesLeftInPass()).isEqualTo(5);

        player.onTick(T0);
        assertThat(player.framesLeftInPass()).isEqualTo(4);
        for (int i = 1; i < 5; i++) {
            player.onTick(T0 + i * FRAME);
        }

        assertThat(player.framesLeftInPass()).isZero();
        assertThat(player.passesCompleted()).isEqualTo(1);
    }
}
