package io.holdfast.benchmarks.rtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The harness's handle on a {@link MediaLoadRelay} child process: starts it with the harness's own class path,
 * sends it commands and reads its answers (see the protocol in {@link MediaLoadRelay}). A reader thread passes every
 * answer line to a queue and every other output line to the harness's standard error. {@link #close()} asks the
 * child to quit and destroys it if it does not within a few seconds. Used from the harness's main thread.
 */
final class RelayProcess implements AutoCloseable {

    /**
     * One answer to {@code stats}: cumulative since the relay started. {@code fellBehind} and {@code jitMs} are -1
     * from a relay build that does not report them (an older build under {@code --relay-classpath}).
     */
    record RelayStats(long loopCpuNs, long processCpuNs, long rtpReceived, long rtpForwarded, long dropped,
            long gcCount, long gcMs, long fellBehind, long jitMs) {

        /** No relay (a run without one): every figure zero. */
        static final RelayStats NONE = new RelayStats(0, 0, 0, 0, 0, 0, 0, 0, 0);

        static RelayStats parse(String[] words) {
            return new RelayStats(Long.parseLong(words[2]), Long.parseLong(words[3]), Long.parseLong(words[4]),
                    Long.parseLong(words[5]), Long.parseLong(words[6]), Long.parseLong(words[7]),
                    Long.parseLong(words[8]), words.length > 9 ? Long.parseLong(words[9]) : -1,
                    words.length > 10 ? Long.parseLong(words[10]) : -1);
        }
    }

    /** The relay's ports of one session. */
    record SessionPorts(long id, int callerPort, int upstreamPort) {
    }

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final PrintStream commands;
    private final BlockingQueue<String[]> answers = new LinkedBlockingQueue<>();
    private final long pid;

    private RelayProcess(Process process) {
        this.process = process;
        this.commands = new PrintStream(process.getOutputStream(), false, StandardCharsets.US_ASCII);
        final Thread reader = new Thread(this::readAnswers, "relay-output");
        reader.setDaemon(true);
        reader.start();
        final String[] ready = await("ready");
        this.pid = Long.parseLong(ready[2]);
    }

    /**
     * Starts a relay process.
     *
     * @param jvmOptions options for the child JVM (heap, GC, profiler agents, system properties)
     * @param classPath the relay's class path, or null for the harness's own (another build of the relay, to
     *     compare two versions under the same harness)
     * @param relayArguments arguments of {@link MediaLoadRelay}
     * @param cpus the CPUs the relay may run on ({@code taskset -c} list, Linux), or null for any
     */
    static RelayProcess start(List<String> jvmOptions, String classPath, List<String> relayArguments, String cpus) {
        final List<String> command = new ArrayList<>();
        if (cpus != null) {
            command.add("taskset");
            command.add("-c");
            command.add(cpus);
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath != null ? classPath : System.getProperty("java.class.path"));
        command.add(MediaLoadRelay.class.getName());
        command.addAll(relayArguments);
        try {
            return new RelayProcess(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the relay process: " + command, e);
        }
    }

    /** Returns the child's process id. */
    long pid() {
        return pid;
    }

    /** Sends one {@code open} command; collect the answer with {@link #awaitOpened()}. */
    void requestSession(long id, int callerPort, int upstreamPort) {
        commands.println("open " + id + " " + callerPort + " " + upstreamPort);
    }

    /** Flushes the commands sent so far. */
    void flush() {
        commands.flush();
    }

    /** Returns the next {@code opened} answer; fails on {@code failed}. */
    SessionPorts awaitOpened() {
        final String[] words = await("opened");
        return new SessionPorts(Long.parseLong(words[2]), Integer.parseInt(words[3]), Integer.parseInt(words[4]));
    }

    /** Asks for the relay's counters and CPU times. */
    RelayStats stats() {
        commands.println("stats");
        commands.flush();
        return RelayStats.parse(await("stats"));
    }

    @Override
    public void close() {
        commands.println("quit");
        commands.flush();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String[] await(String kind) {
        final String[] words;
        try {
            words = answers.poll(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the relay's " + kind, e);
        }
        if (words == null) {
            throw new IllegalStateException("the relay did not answer " + kind + " within " + ANSWER_TIMEOUT
                    + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")"));
        }
        if (!words[1].equals(kind)) {
            throw new IllegalStateException("expected the relay's " + kind + ", got: " + String.join(" ", words));
        }
        return words;
    }

    private void readAnswers() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.US_ASCII))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(MediaLoadRelay.PREFIX + " ")) {
                    answers.add(line.split(" "));
                } else {
                    System.err.println("relay: " + line);
                }
            }
        } catch (IOException e) {
            System.err.println("relay output closed: " + e);
        }
    }
}
