package io.holdfast.relay.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.holdfast.relay.config.EventsConfig;
import io.holdfast.relay.time.ManualNanoClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class RouteChangeWriterTest {
    @TempDir
    Path dir;

    private final ManualNanoClock clock = new ManualNanoClock();

    private List<RouteChangeEvent> failovers(int count) {
        List<RouteChangeEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(TestEvents.mediaTimeoutFailover(clock, "call-" + i + "@10.0.0.1"));
        }
        return events;
    }

    private static List<RouteChangeEvent> readBack(Path file) throws IOException, MalformedEventException {
        List<RouteChangeEvent> events = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            events.add(RouteChangeEventJson.fromJson(line));
        }
        return events;
    }

    @Test
    void shouldWriteOneJsonObjectPerLineWhenDrained() throws Exception {
        Path file = dir.resolve("events.jsonl");
        List<RouteChangeEvent> events = failovers(3);
        RouteChangeWriter writer = new RouteChangeWriter(file, 16);

        events.forEach(writer::publish);
        assertThat(Files.size(file)).isZero();
        assertThat(writer.drainOnce()).isEqualTo(3);

        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        assertThat(text.lines()).hasSize(3).allMatch(line -> line.startsWith("{") && line.endsWith("}"));
        assertThat(readBack(file)).isEqualTo(events);
        assertThat(writer.writtenCount()).isEqualTo(3);
        assertThat(writer.drainOnce()).isZero();
        writer.close();
    }

    @Test
    void shouldDropAndCountWhenTheQueueIsFull() throws Exception {
        Path file = dir.resolve("events.jsonl");
        RouteChangeWriter writer = new RouteChangeWriter(file, 16);
        List<RouteChangeEvent> events = failovers(20);

        events.forEach(writer::publish);

        assertThat(writer.queueCapacity()).isEqualTo(16);
        assertThat(writer.droppedCount()).isEqualTo(4);
        writer.close();
        assertThat(readBack(file)).isEqualTo(events.subList(0, 16));
        assertThat(writer.writtenCount()).isEqualTo(16);
    }

    @Test
    void shouldWriteEverythingQueuedWhenClosed() throws Exception {
        Path file = dir.resolve("events.jsonl");
        RouteChangeWriter writer = new RouteChangeWriter(file, 1024);
        List<RouteChangeEvent> events = failovers(RouteChangeFileAgent.DRAIN_LIMIT * 2 + 5);
        events.forEach(writer::publish);

        writer.close();
        writer.publish(events.get(0));
        writer.close();

        assertThat(readBack(file)).isEqualTo(events);
        assertThat(writer.droppedCount()).isEqualTo(1);
    }

    @Test
    void shouldAppendWhenTheFileExists() throws Exception {
        Path file = dir.resolve("events.jsonl");
        List<RouteChangeEvent> events = failovers(2);
        try (RouteChangeWriter first = new RouteChangeWriter(file, 16)) {
            first.publish(events.get(0));
        }
        try (RouteChangeWriter second = new RouteChangeWriter(file, 16)) {
            second.publish(events.get(1));
        }

        assertThat(readBack(file)).isEqualTo(events);
    }

    @Test
    void shouldNeverWriteTheRawCallIdWhenEventsAreWritten() throws Exception {
        Path file = dir.resolve("events.jsonl");
        try (RouteChangeWriter writer = new RouteChangeWriter(file, 16)) {
            failovers(5).forEach(writer::publish);
        }

        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(5);
        assertThat(text).doesNotContain("call-").doesNotContain("10.0.0.1").doesNotContain("@");
    }

    @Test
    void shouldCountLostEventsWhenTheDiskIsFull() throws Exception {
        Path full = Path.of("/dev/full");
        assumeThat(Files.isWritable(full)).as("/dev/full is available").isTrue();
        RouteChangeWriter writer = new RouteChangeWriter(full, 16);

        failovers(3).forEach(writer::publish);
        writer.drainOnce();

        assertThat(writer.failedCount()).isEqualTo(3);
        assertThat(writer.writtenCount()).isZero();
        writer.publish(failovers(1).get(0));
        writer.close();
        assertThat(writer.failedCount()).isEqualTo(4);
    }

    @Test
    @Timeout(30)
    void shouldWriteFromItsOwnThreadWhenStarted() throws Exception {
        Path file = dir.resolve("events.jsonl");
        List<RouteChangeEvent> events = failovers(300);
        RouteChangeWriter writer = RouteChangeWriter.start(new EventsConfig(file, 1024));

        events.forEach(writer::publish);
        writer.close();

        assertThat(readBack(file)).isEqualTo(events);
        assertThat(writer.writtenCount()).isEqualTo(300);
        assertThat(writer.droppedCount()).isZero();
    }
}
