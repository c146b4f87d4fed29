package io.holdfast.sip.transport;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs SIPp (Debian package {@code sip-tester}) as a subprocess for the interop tests and reads its result:
 * the exit code (0: every call succeeded), the last line of the statistics file ({@code -trace_stat}) and of
 * the per-message counts file ({@code -trace_counts}). Every run has its own directory under
 * {@code target/sipp/}, which keeps the screen, error log and statistics for a failure's post-mortem. A
 * missing {@code sipp} fails the test: interop tests never skip. Shared with relay-core's interop tests
 * through this module's test jar.
 */
public final class Sipp {
    private static final Path RUNS = Paths.get("target", "sipp");

    private Sipp() {
    }

    /** What a run left behind. */
    public record Result(int exitCode, Path directory, Map<String, String> stats, Map<String, String> counts) {
        public long successfulCalls() {
            return Long.parseLong(stats.getOrDefault("SuccessfulCall(C)", "-1"));
        }

        public long failedCalls() {
            return Long.parseLong(stats.getOrDefault("FailedCall(C)", "-1"));
        }

        /** A column of the counts file, e.g. {@code 3_200_Retrans}. */
        public long count(String column) {
            String value = counts.get(column);
            if (value == null) {
                throw new AssertionError("SIPp counts have no column " + column + " (have " + counts.keySet()
                        + ") in " + directory);
            }
            return Long.parseLong(value.trim());
        }

        public String describe() {
            return "sipp exit " + exitCode + ", stats " + stats + ", counts " + counts + ", logs in "
                    + directory.toAbsolutePath();
        }
    }

    /** The {@code sipp} executable on the PATH; fails the test with the fix when there is none. */
    public static Path executable() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Paths.get(dir, "sipp");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new AssertionError("sipp not found on PATH (" + path + "): install it with 'apt-get install "
                + "sip-tester'. SIPp interop tests fail rather than skip; CI installs the package.");
    }

    /** A UDP port free at the time of the call on 127.0.0.1. */
    public static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }

    /** A port free for both UDP and TCP at the time of the call on 127.0.0.1. */
    public static int freeUdpAndTcpPort() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                         tcp.getLocalPort()))) {
                return udp.getLocalPort();
            } catch (IOException busy) {
                if (attempt == 19) {
                    throw busy;
                }
            }
        }
        throw new IOException("no free port");
    }

    /** A SIPp process running in the background (as a UAS waiting for calls). */
    public static final class Running {
        private final Process process;
        private final Path directory;
        private final Duration timeout;

        private Running(Process process, Path directory, Duration timeout) {
            this.process = process;
            this.directory = directory;
            this.timeout = timeout;
        }

        /** Waits for SIPp to exit (at most the run's timeout, then kills it) and reads its files. */
        public Result await() throws IOException, InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("sipp did not finish within " + timeout + "; logs in "
                        + directory.toAbsolutePath());
            }
            return new Result(process.exitValue(), directory, lastLine(directory.resolve("stats.csv")),
                    lastLine(countsFile(directory)));
        }

        /** Kills SIPp if it still runs (after a failed test). */
        public void kill() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Runs {@code sipp} with the common options (loopback, free local, media and control ports, statistics,
     * counts, error and screen files, global timeout) and {@code arguments}, in a fresh directory named
     * {@code name}, and waits for it (at most {@code timeout}, then kills it).
     */
    public static Result run(String name, List<String> arguments, Duration timeout) throws IOException, InterruptedException {
        return start(name, freeUdpAndTcpPort(), arguments, timeout).await();
    }

    /** Starts {@code sipp} like {@link #run} on local port {@code localPort}, without waiting. */
    public static Running start(String name, int localPort, List<String> arguments, Duration timeout) throws IOException {
        Path directory = RUNS.resolve(name + '-' + System.nanoTime());
        Files.createDirectories(directory);
        List<String> command = new ArrayList<>();
        command.add(executable().toString());
        command.addAll(List.of("-i", "127.0.0.1", "-p", Integer.toString(localPort),
                "-mp", Integer.toString(freeUdpPort()), "-cp", Integer.toString(freeUdpPort()),
                "-nostdin", "-trace_stat", "-stf", "stats.csv", "-fd", "1", "-trace_counts",
                "-trace_err", "-error_file", "errors.log", "-trace_screen", "-screen_file", "screen.log",
                "-timeout", (timeout.toSeconds() - 5) + "s", "-timeout_error"));
        command.addAll(arguments);
        Files.writeString(directory.resolve("command.txt"), String.join(" ", command), StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectOutput(directory.resolve("stdout.log").toFile())
                .redirectError(directory.resolve("stderr.log").toFile())
                .start();
        return new Running(process, directory, timeout);
    }

    private static Path countsFile(Path directory) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*_counts.csv")) {
            for (Path file : files) {
                return file;
            }
        }
        return null;
    }

    /** The header and the last line of a SIPp CSV (';'-separated) as a map; empty when the file is missing. */
    private static Map<String, String> lastLine(Path csv) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        if (csv == null || !Files.exists(csv)) {
            return values;
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.ISO_8859_1);
        if (lines.size() < 2) {
            return values;
        }
        String[] header = lines.get(0).split(";");
        String[] last = lines.get(lines.size() - 1).split(";");
        for (int i = 0; i < header.length && i < last.length; i++) {
            values.put(header[i], last[i]);
        }
        return values;
    }
}
