package io.holdfast.relay.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The route-change event log.
 * Immutable; safe on any thread.
 *
 * @param file the JSON-lines file events are appended to
 * @param queueCapacity how many events may wait for the writer thread; beyond it events are
 *                      dropped and counted, never waited for
 */
public record EventsConfig(Path file, int queueCapacity) {
    public static final Path DEFAULT_FILE = Path.of("events.jsonl");
    public static final int DEFAULT_QUEUE_CAPACITY = 4_096;
    public static final int MIN_QUEUE_CAPACITY = 16;
    public static final int MAX_QUEUE_CAPACITY = 1_048_576;

    public static final EventsConfig DEFAULT = new EventsConfig(DEFAULT_FILE, DEFAULT_QUEUE_CAPACITY);

    public EventsConfig {
        Objects.requireNonNull(file, "events.file");
        if (queueCapacity < MIN_QUEUE_CAPACITY || queueCapacity > MAX_QUEUE_CAPACITY) {
            throw new IllegalArgumentException("events.queue-capacity must be from " + MIN_QUEUE_CAPACITY + " to "
                    + MAX_QUEUE_CAPACITY + ", was " + queueCapacity);
        }
    }
}
