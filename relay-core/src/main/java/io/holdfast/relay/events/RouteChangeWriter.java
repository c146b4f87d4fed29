package io.holdfast.relay.events;

import io.holdfast.relay.config.EventsConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.jctools.queues.MpscArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route-change event log: event loops {@link #publish} events into a lock-free bounded MPSC
 * queue (JCTools), and one daemon thread ({@value #THREAD_NAME}, an Agrona {@link AgentRunner})
 * appends them to the events file as JSON lines, flushing after each batch. Publishing never blocks
 * and never allocates beyond the event: when the queue is full the event is dropped and counted.
 * {@link #close()} stops the thread after writing everything queued. Lines reach the operating
 * system on every flush and the disk on close. {@link #publish} is safe on any thread; the file
 * belongs to the writer thread.
 */
public final class RouteChangeWriter implements RouteChangeSink, AutoCloseable {
    public static final String THREAD_NAME = "holdfast-events";
    /** The longest the writer sleeps when the queue is empty: the bound on an event's wait. */
    public static final long MAX_IDLE_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final Logger LOG = LoggerFactory.getLogger(RouteChangeWriter.class);

    private final MpscArrayQueue<RouteChangeEvent> queue;
    private final RouteChangeFileAgent agent;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private AgentRunner runner;

    /** Opens the file; the writer thread is not started (tests drive {@link #drainOnce()} instead). */
    RouteChangeWriter(Path file, int queueCapacity) throws IOException {
        Objects.requireNonNull(file, "file");
        this.queue = new MpscArrayQueue<>(queueCapacity);
        this.agent = new RouteChangeFileAgent(file, queue);
    }

    /**
     * Opens (or creates) the events file for appending and starts the writer thread.
     *
     * @throws IOException when the file cannot be opened: holdfast should not start without its log
     */
    public static RouteChangeWriter start(EventsConfig config) throws IOException {
        return start(config.file(), config.queueCapacity());
    }

    /**
     * As {@link #start(EventsConfig)}.
     *
     * @param queueCapacity how many events may wait; rounded up to a power of two
     */
    public static RouteChangeWriter start(Path file, int queueCapacity) throws IOException {
        RouteChangeWriter writer = new RouteChangeWriter(file, queueCapacity);
        writer.runner = new AgentRunner(new BackoffIdleStrategy(10, 10, 1_000, MAX_IDLE_NS),
                t -> LOG.error("The route-change writer failed; it goes on with the next events", t), null, writer.agent);
        AgentRunner.startOnThread(writer.runner, r -> {
            Thread thread = new Thread(r, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
        return writer;
    }

    /** Queues the event for the writer thread; drops and counts it when the queue is full or the log closed. */
    @Override
    public void publish(RouteChangeEvent event) {
        Objects.requireNonNull(event, "event");
        if (closed.get() || !queue.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    /** Events dropped because the queue was full or the log closed. */
    public long droppedCount() {
        return dropped.get();
    }

    /** Events written and flushed to the file. */
    public long writtenCount() {
        return agent.writtenCount();
    }

    /** Events lost because the file could not be written. */
    public long failedCount() {
        return agent.failedCount();
    }

    /** How many events the queue holds at most. */
    public int queueCapacity() {
        return queue.capacity();
    }

    /**
     * Refuses further events, writes everything queued, forces the file to the disk and closes it,
     * then stops the writer thread. Call it once the event loops have stopped publishing; an event
     * published after it is dropped and counted. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (runner != null) {
            runner.close();
        } else {
            agent.onClose();
        }
    }

    /** One duty cycle of the writer, on the caller's thread: for tests of a writer that was not started. */
    int drainOnce() {
        return agent.doWork();
    }
}
