package io.holdfast.relay.events;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.concurrent.Agent;
import org.jctools.queues.MessagePassingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains route-change events from the queue into the events file, one JSON line each, and flushes
 * after every batch. A write that fails is counted (the events of the failed batch are lost) and
 * logged once per streak; the file is reopened on the next event, so the log recovers by itself
 * when the disk does. Confined to the writer thread, except the counters, which any thread may read.
 */
final class RouteChangeFileAgent implements Agent {
    /** Events written per duty cycle before the batch is flushed. */
    static final int DRAIN_LIMIT = 256;
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(RouteChangeFileAgent.class);

    private final Path file;
    private final MessagePassingQueue<RouteChangeEvent> queue;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    private final MessagePassingQueue.Consumer<RouteChangeEvent> writeOne = this::write;
    private FileChannel channel;
    private OutputStream out;
    private int pending;
    private long lostInStreak;
    private boolean failing;

    /**
     * Opens (creates, or appends to) the file at once, so that an unusable path fails at start-up.
     *
     * @throws IOException when the file cannot be opened for appending
     */
    RouteChangeFileAgent(Path file, MessagePassingQueue<RouteChangeEvent> queue) throws IOException {
        this.file = file;
        this.queue = queue;
        open();
    }

    @Override
    public int doWork() {
        int drained = queue.drain(writeOne, DRAIN_LIMIT);
        if (pending > 0) {
            flush();
        }
        return drained;
    }

    /** Writes everything still queued, flushes, forces it to the disk and closes the file. */
    @Override
    public void onClose() {
        int drained;
        do {
            drained = doWork();
        } while (drained > 0);
        if (channel == null) {
            return;
        }
        try {
            out.flush();
            channel.force(false);
            out.close();
        } catch (IOException e) {
            LOG.warn("Closing the route-change events file {} failed: {}", file, e.toString(), e);
        } finally {
            channel = null;
            out = null;
        }
    }

    @Override
    public String roleName() {
        return RouteChangeWriter.THREAD_NAME;
    }

    /** Lines flushed to the file. */
    long writtenCount() {
        return written.get();
    }

    /** Events lost because the file could not be written. */
    long failedCount() {
        return failed.get();
    }

    private void write(RouteChangeEvent event) {
        if (out == null && !reopen()) {
            lose(1, null);
            return;
        }
        try {
            line.reset();
            RouteChangeEventJson.writeLine(event, line);
            line.writeTo(out);
            pending++;
        } catch (IOException e) {
            lose(pending + 1, e);
        }
    }

    private void flush() {
        try {
            out.flush();
            written.addAndGet(pending);
            pending = 0;
            if (failing) {
                failing = false;
                LOG.info("Route-change events are written to {} again; {} events were lost meanwhile", file, lostInStreak);
                lostInStreak = 0;
            }
        } catch (IOException e) {
            lose(pending, e);
        }
    }

    /** Counts lost events, logs the first failure of a streak and drops the file to reopen it later. */
    private void lose(int events, IOException cause) {
        failed.addAndGet(events);
        lostInStreak += events;
        pending = 0;
        if (cause != null) {
            if (!failing) {
                LOG.warn("Route-change events cannot be written to {}: {}; they are counted as lost until it works"
                        + " again", file, cause.toString(), cause);
            }
            failing = true;
            closeAfterFailure(cause);
        }
    }

    private boolean reopen() {
        try {
            open();
            return true;
        } catch (IOException e) {
            if (!failing) {
                LOG.warn("Route-change events file {} cannot be opened: {}; events are counted as lost until it can",
                        file, e.toString(), e);
            }
            failing = true;
            return false;
        }
    }

    private void open() throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
    }

    private void closeAfterFailure(IOException cause) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            cause.addSuppressed(e);
            LOG.debug("Closing {} after a failed write failed too", file, e);
        } finally {
            channel = null;
            out = null;
        }
    }
}
