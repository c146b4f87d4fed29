package io.holdfast.rtp.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.DefaultEventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ticker on a real event loop, in real time, for a few frames. */
class PromptTickerIT {
    private static final int FRAMES = 10;

    @Test
    @Timeout(10)
    void shouldPlayFramesOnLoopAtTwentyMillisecondPaceWhenScheduled() throws InterruptedException {
        DefaultEventLoop loop = new DefaultEventLoop();
        try {
            Prompt prompt = ShippedPrompt.PLEASE_HOLD_RECONNECT.load();
            CountDownLatch done = new CountDownLatch(1);
            List<Long> sentAtNs = new ArrayList<>();
            List<Boolean> firstFlags = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            List<Boolean> onLoop = new ArrayList<>();
            PromptTicker[] ticker = new PromptTicker[1];
            PromptPlayer[] player = new PromptPlayer[1];
            PromptFrameSink sink = (ByteBuf payload, int samples, boolean firstFrame) -> {
                sentAtNs.add(System.nanoTime());
                firstFlags.add(firstFrame);
                sizes.add(payload.readableBytes() == samples ? samples : -1);
                onLoop.add(loop.inEventLoop());
                if (sentAtNs.size() == FRAMES) {
                    player[0].stop();
                    done.countDown();
                }
            };
            loop.submit(() -> {
                ticker[0] = PromptTicker.start(loop);
                player[0] = new PromptPlayer(sink, ticker[0]);
                player[0].start(prompt, PromptCodec.PCMU);
            }).sync();

            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            loop.submit(() -> ticker[0].close()).sync();

            assertThat(sizes).hasSize(FRAMES).containsOnly(EncodedPrompt.FRAME_SAMPLES);
            assertThat(firstFlags.get(0)).isTrue();
            assertThat(firstFlags.subList(1, FRAMES)).containsOnly(false);
            assertThat(onLoop).containsOnly(true);
            long spanNs = sentAtNs.get(FRAMES - 1) - sentAtNs.get(0);
            // at most 1 + MAX_CATCH_UP_FRAMES frames per 20 ms slot, so ten frames span at least four slots
            assertThat(spanNs).isGreaterThanOrEqualTo(4 * EncodedPrompt.FRAME_DURATION_NS - 1_000_000L);
        } finally {
            loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }
}
