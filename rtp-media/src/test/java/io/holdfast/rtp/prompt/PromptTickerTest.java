package io.holdfast.rtp.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Runs the ticker on an {@link EmbeddedChannel}'s event loop whose time is a {@link MockTicker}. */
class PromptTickerTest {
    private static final long FRAME = EncodedPrompt.FRAME_DURATION_NS;

    private final MockTicker time = Ticker.newMockTicker();
    private final EmbeddedChannel channel = EmbeddedChannel.builder().ticker(time).build();
    private final EncodedPrompt prompt = TestPrompts.distinctFrames(4, PromptCodec.PCMU);

    @AfterEach
    void closeChannel() {
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void shouldSendFirstFrameTwentyMillisecondsAfterStartWhenScheduled() {
        PromptTicker ticker = PromptTicker.start(channel.eventLoop());
        RecordingFrameSink sink = new RecordingFrameSink();
        new PromptPlayer(sink, ticker).start(prompt);

        advance(FRAME - 1);
        assertThat(sink.count()).isZero();
        advance(1);

        assertThat(sink.frameIndices(prompt)).containsExactly(0);
        assertThat(sink.frame(0).firstFrame()).isTrue();
        assertThat(ticker.ticks()).isEqualTo(1);
        ticker.close();
    }

    @Test
    void shouldSendOneFramePerTwentyMillisecondsWhenScheduled() {
        PromptTicker ticker = PromptTicker.start(channel.eventLoop());
        RecordingFrameSink sink = new RecordingFrameSink();
        new PromptPlayer(sink, ticker).start(prompt);

        for (int i = 0; i < 6; i++) {
            advance(FRAME);
        }

        assertThat(sink.frameIndices(prompt)).containsExactly(0, 1, 2, 3, 0, 1);
        assertThat(sink.firstFrameFlags()).containsExactly(true, false, false, false, false, false);
        assertThat(ticker.repeatedSlotRuns()).isZero();
        ticker.close();
    }

    @Test
    void shouldServeOneSlotAndBoundCatchUpWhenLoopStalled() {
        PromptTicker ticker = PromptTicker.start(channel.eventLoop());
        RecordingFrameSink sink = new RecordingFrameSink();
        PromptPlayer player = new PromptPlayer(sink, ticker);
        player.start(prompt);
        advance(FRAME);

        advance(5 * FRAME);

        assertThat(ticker.repeatedSlotRuns()).isEqualTo(4);
        assertThat(sink.frameIndices(prompt)).containsExactly(0, 1, 2);
        assertThat(player.frameSlotsSkipped()).isEqualTo(3);
        advance(FRAME);
        assertThat(sink.frameIndices(prompt)).containsExactly(0, 1, 2, 3);
        ticker.close();
    }

    @Test
    void shouldDropPlayerOnNextTickWhenStopped() {
        PromptTicker ticker = PromptTicker.start(channel.eventLoop());
        PromptPlayer player = new PromptPlayer(new RecordingFrameSink(), ticker);
        player.start(prompt);
        advance(FRAME);

        player.stop();
        assertThat(ticker.activePlayers()).isEqualTo(1);
        advance(FRAME);

        assertThat(ticker.activePlayers()).isZero();
        player.start(prompt);
        assertThat(ticker.activePlayers()).isEqualTo(1);
        ticker.close();
    }

    @Test
    void shouldKeepOtherPlayersAndScheduleWhenOneSinkThrows() {
        ListAppender<ILoggingEvent> log = captureTickerLog();
        try {
            PromptTicker ticker = PromptTicker.start(channel.eventLoop());
            PromptPlayer broken = new PromptPlayer((payload, samples, firstFrame) -> {
                throw new IllegalStateException("sink bug");
            }, ticker);
            RecordingFrameSink sink = new RecordingFrameSink();
            PromptPlayer healthy = new PromptPlayer(sink, ticker);
            broken.start(prompt);
            healthy.start(prompt);

            advance(FRAME);
            advance(FRAME);

            assertThat(broken.isPlaying()).isFalse();
            assertThat(ticker.sinkFailures()).isEqualTo(1);
            assertThat(sink.frameIndices(prompt)).containsExactly(0, 1);
            assertThat(ticker.activePlayers()).isEqualTo(1);
            assertThat(log.list).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getThrowableProxy().getMessage()).isEqualTo("sink bug");
            });
            ticker.close();
        } finally {
            releaseTickerLog(log);
        }
    }

    @Test
    void shouldTickPlayerInSameTickWhenStartedBySinkDuringTick() {
        PromptTicker ticker = new PromptTicker(ImmediateEventExecutor.INSTANCE);
        RecordingFrameSink lateSink = new RecordingFrameSink();
        PromptPlayer late = new PromptPlayer(lateSink, ticker);
        RecordingFrameSink sink = new RecordingFrameSink();
        sink.afterFrame(() -> {
            if (!late.isPlaying()) {
                late.start(prompt);
            }
        });
        new PromptPlayer(sink, ticker).start(prompt);

        ticker.tick(0);

        assertThat(lateSink.frameIndices(prompt)).containsExactly(0);
        assertThat(ticker.activePlayers()).isEqualTo(2);
    }

    @Test
    void shouldSkipAndDropPlayerWhenStoppedBySinkOfEarlierPlayer() {
        PromptTicker ticker = new PromptTicker(ImmediateEventExecutor.INSTANCE);
        RecordingFrameSink firstSink = new RecordingFrameSink();
        RecordingFrameSink secondSink = new RecordingFrameSink();
        PromptPlayer second = new PromptPlayer(secondSink, ticker);
        new PromptPlayer(firstSink, ticker).start(prompt);
        second.start(prompt);
        firstSink.afterFrame(second::stop);

        ticker.tick(0);

        assertThat(firstSink.count()).isEqualTo(1);
        assertThat(secondSink.count()).isZero();
        assertThat(ticker.activePlayers()).isEqualTo(1);
    }

    @Test
    void shouldTickEveryPlayerWhenMorePlayersThanInitialCapacity() {
        PromptTicker ticker = new PromptTicker(ImmediateEventExecutor.INSTANCE);
        List<RecordingFrameSink> sinks = new ArrayList<>();
        List<PromptPlayer> players = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            RecordingFrameSink sink = new RecordingFrameSink();
            PromptPlayer player = new PromptPlayer(sink, ticker);
            player.start(prompt);
            sinks.add(sink);
            players.add(player);
        }
        for (int i = 0; i < 40; i += 2) {
            players.get(i).stop();
        }

        ticker.tick(0);
        ticker.tick(FRAME);

        assertThat(ticker.activePlayers()).isEqualTo(20);
        for (int i = 0; i < 40; i++) {
            assertThat(sinks.get(i).count()).as("player %d", i).isEqualTo(i % 2 == 0 ? 0 : 2);
        }
    }

    @Test
    void shouldStopPlayersAndCancelScheduleWhenClosed() {
        PromptTicker ticker = PromptTicker.start(channel.eventLoop());
        RecordingFrameSink sink = new RecordingFrameSink();
        PromptPlayer player = new PromptPlayer(sink, ticker);
        player.start(prompt);
        advance(FRAME);

        ticker.close();
        advance(FRAME);
        advance(FRAME);

        assertThat(player.isPlaying()).isFalse();
        assertThat(ticker.activePlayers()).isZero();
        assertThat(sink.count()).isEqualTo(1);
        assertThat(ticker.ticks()).isEqualTo(1);
    }

    @Test
    void shouldPlaceGridAtFirstTickWhenDrivenManually() {
        PromptTicker ticker = new PromptTicker(ImmediateEventExecutor.INSTANCE);
        RecordingFrameSink sink = new RecordingFrameSink();
        new PromptPlayer(sink, ticker).start(prompt);
        long t0 = 5_000_000_000L;

        ticker.tick(t0);
        ticker.tick(t0 + FRAME / 2);
        ticker.tick(t0 + FRAME - 1);
        assertThat(sink.count()).isEqualTo(1);
        ticker.tick(t0 + FRAME);

        assertThat(sink.count()).isEqualTo(2);
        assertThat(ticker.ticks()).isEqualTo(2);
        assertThat(ticker.repeatedSlotRuns()).isEqualTo(2);
    }

    @Test
    void shouldPassSlotStartTimeToPlayersWhenTickRunsLateInItsSlot() {
        PromptTicker ticker = new PromptTicker(ImmediateEventExecutor.INSTANCE);
        RecordingFrameSink sink = new RecordingFrameSink();
        PromptPlayer player = new PromptPlayer(sink, ticker);
        player.start(prompt);

        ticker.tick(0);
        ticker.tick(FRAME + FRAME * 3 / 4);

        assertThat(sink.count()).isEqualTo(2);
        assertThat(player.frameSlotsSkipped()).isZero();
    }

    @Test
    void shouldAllocateNothingPerTickWhenPlayersCopyFrames() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean allocations = (com.sun.management.ThreadMXBean) threads;
        assumeTrue(allocations.isThreadAllocatedMemorySupported() && allocations.isThreadAllocatedMemoryEnabled());
        PromptTicker ticker = new PromptTicker(ImmediateEventExecutor.INSTANCE);
        Prompt shipped = ShippedPrompt.PLEASE_HOLD_AGENT.load();
        byte[] packet = new byte[EncodedPrompt.FRAME_BYTES];
        PromptFrameSink copyingSink = (payload, samples, firstFrame) -> payload.getBytes(payload.readerIndex(), packet);
        for (int i = 0; i < 10; i++) {
            new PromptPlayer(copyingSink, ticker).start(shipped, i % 2 == 0 ? PromptCodec.PCMU : PromptCodec.PCMA);
        }
        long nowNs = 0;
        for (int i = 0; i < 1_000; i++) {
            ticker.tick(nowNs += (i % 100 == 0 ? 4 * FRAME : FRAME));
        }
        long threadId = Thread.currentThread().getId();

        long before = allocations.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < 10_000; i++) {
            ticker.tick(nowNs += (i % 100 == 0 ? 4 * FRAME : FRAME));
        }
        long allocated = allocations.getThreadAllocatedBytes(threadId) - before;

        // 100,000 frames: one object per frame would be megabytes. Less than a byte per frame leaves room
        // for what the JVM itself allocates on this thread while it compiles the loop.
        long frames = 10L * 10_000;
        assertThat(allocated).isLessThan(frames);
        assertThat(ticker.activePlayers()).isEqualTo(10);
    }

    private void advance(long nanos) {
        time.advance(nanos, TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }

    private static ListAppender<ILoggingEvent> captureTickerLog() {
        Logger logger = (Logger) LoggerFactory.getLogger(PromptTicker.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false);
        return appender;
    }

    private static void releaseTickerLog(ListAppender<ILoggingEvent> appender) {
        Logger logger = (Logger) LoggerFactory.getLogger(PromptTicker.class);
        logger.detachAppender(appender);
        logger.setAdditive(true);
        appender.stop();
    }
}
