package io.holdfast.benchmarks.rtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The harness's handle on the C load generator ({@code benchmarks/loadgen/rtp-loadgen.c}) as a child process: starts
 * it, reads the ports it bound, tells it where each stream sends, and follows its run (window start and end, then its
 * histograms and summary; the protocol is in the C file's header). A reader thread passes every {@code @gen} line to
 * a queue and every other output line to the harness's standard error. {@link #close()} tells it to quit and
 * destroys it if it does not within a few seconds. Used from the harness's main thread.
 */
final class GeneratorProcess implements AutoCloseable {

    /** The generator's sockets of one stream. */
    record StreamPorts(int sendPort, int sinkPort) {
    }

    private final Process process;
    private final PrintStream commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private GeneratorProcess(Process process) {
        this.process = process;
        this.commands = new PrintStream(process.getOutputStream(), false, StandardCharsets.US_ASCII);
        final Thread reader = new Thread(this::readLines, "generator-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the generator.
     *
     * @param executable the compiled {@code rtp-loadgen}
     * @param arguments its options
     * @param cpus the CPUs it may run on ({@code taskset -c} list, Linux), or null for any
     */
    static GeneratorProcess start(String executable, List<String> arguments, String cpus) {
        final List<String> command = new ArrayList<>();
        if (cpus != null) {
            command.add("taskset");
            command.add("-c");
            command.add(cpus);
        }
        command.add(executable);
        command.addAll(arguments);
        try {
            return new GeneratorProcess(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the C generator: " + command, e);
        }
    }

    /** Returns the generator's process id. */
    long pid() {
        return process.pid();
    }

    /** Returns the ports of every stream, in stream order, once the generator has bound them. */
    StreamPorts[] awaitPorts(int streams, Duration timeout) {
        final StreamPorts[] ports = new StreamPorts[streams];
        for (String[] words = await("port", "bound", timeout); !words[1].equals("bound");
                words = await("port", "bound", timeout)) {
            ports[Integer.parseInt(words[2])] = new StreamPorts(Integer.parseInt(words[3]),
                    Integer.parseInt(words[4]));
        }
        return ports;
    }

    /** Tells the generator where every stream sends (the relay's caller-facing ports) and starts it. */
    void go(int[] targetPorts) {
        for (int i = 0; i < targetPorts.length; i++) {
            commands.println("target " + i + " " + targetPorts[i]);
        }
        commands.println("go");
        commands.flush();
    }

    /** Waits for the generator's {@code kind} line (e.g. {@code window-start}) and returns its words. */
    String[] await(String kind, Duration timeout) {
        return await(kind, kind, timeout);
    }

    /** Waits for the histograms and the summary line: returns the two histogram lines and the summary line. */
    String[] awaitReport(Duration timeout) {
        final String latency = String.join(" ", await("hist", "hist", timeout));
        final String schedule = String.join(" ", await("hist", "hist", timeout));
        final String summary = String.join(" ", await("summary", "summary", timeout));
        return new String[] {latency, schedule, summary};
    }

    @Override
    public void close() {
        commands.println("quit");
        commands.flush();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String[] await(String kind, String orKind, Duration timeout) {
        final String line;
        try {
            line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the generator's " + kind, e);
        }
        if (line == null) {
            throw new IllegalStateException("the C generator did not say " + kind + " within " + timeout
                    + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")"));
        }
        final String[] words = line.split(" ");
        if (words.length < 2 || !(words[1].equals(kind) || words[1].equals(orKind))) {
            throw new IllegalStateException("expected the generator's " + kind + ", got: " + line);
        }
        return words;
    }

    private void readLines() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.US_ASCII))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(GeneratorSummary.PREFIX + " ")) {
                    lines.add(line);
                } else {
                    System.err.println("generator: " + line);
                }
            }
        } catch (IOException e) {
            System.err.println("generator output closed: " + e);
        }
    }
}
