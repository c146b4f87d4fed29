package io.holdfast.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.relay.call.TestPhone;
import io.holdfast.sip.message.SipMethod;
import io.holdfast.sip.message.SipResponse;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code holdfast run} as its own process, stopped with a real SIGTERM: it drains (503 with Retry-After to a
 * new call and to OPTIONS) while a call is in progress, lets it finish, and exits 0. Output and the events
 * file stay under {@code target/run-it/}.
 */
@Timeout(90)
class RunCommandIT {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration START_WAIT = Duration.ofSeconds(30);
    private static final Path LOGBACK = Paths.get("..", "deploy", "src", "main", "dist", "conf", "logback.xml");

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Process process;

    @AfterEach
    void stop() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    private TestPhone phone(String name) throws Exception {
        TestPhone phone = TestPhone.start(name);
        closeables.add(phone);
        return phone;
    }

    /** A port free for both UDP and TCP on loopback at the time of the call. */
    private static int freeSipPort() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, LOOPBACK);
                 DatagramSocket udp = new DatagramSocket(new InetSocketAddress(LOOPBACK, tcp.getLocalPort()))) {
                return udp.getLocalPort();
            } catch (IOException busy) {
                continue;
            }
        }
        throw new IOException("no port free for UDP and TCP");
    }

    @Test
    void shouldDrainAndExitZeroWhenSentSigterm() throws Exception {
        TestPhone region = phone("east");
        TestPhone caller = phone("caller");
        TestPhone late = phone("late");
        TestPhone probe = phone("probe");
        Path runDir = Paths.get("target", "run-it", "sigterm-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(runDir);
        int sipPort = freeSipPort();
        Path config = Files.writeString(runDir.resolve("holdfast.yaml"), """
                sip: { listen: 127.0.0.1:%d }
                media: { address: 127.0.0.1, ports: 0-0 }
                regions:
                  - { name: east, uri: "sip:agent@127.0.0.1:%d", priority: 1 }
                failover: { media-timeout: 10s }
                admin: { listen: 127.0.0.1:0 }
                events: { file: events.jsonl }
                drain-timeout: 20s
                """.formatted(sipPort, region.sipAddress().getPort()));
        List<String> command = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=" + LOGBACK.toAbsolutePath().normalize(),
                "io.holdfast.relay.cli.HoldfastCommand", "run", "--config", config.toString());
        process = new ProcessBuilder(command).directory(runDir.toFile())
                .redirectOutput(runDir.resolve("stdout.log").toFile())
                .redirectError(runDir.resolve("stderr.log").toFile())
                .start();
        InetSocketAddress holdfast = new InetSocketAddress(LOOPBACK, sipPort);
        awaitOptionsAnswer(probe, holdfast, 200, "holdfast to start; logs in " + runDir);

        caller.call(holdfast, "+15550100");
        caller.awaitResponse(200);
        region.awaitRequest(SipMethod.ACK);
        process.destroy();
        awaitOptionsAnswer(probe, holdfast, 503, "holdfast to drain; logs in " + runDir);
        late.call(holdfast, "+15550100");

        SipResponse refused = late.awaitResponse(503);
        assertThat(refused.header("Retry-After")).isEqualTo("30");
        assertThat(process.isAlive()).isTrue();
        caller.bye(null);
        caller.awaitResponse(200);
        region.awaitRequest(SipMethod.BYE);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exit; logs in " + runDir).isTrue();
        assertThat(process.exitValue()).as("exit status; logs in " + runDir).isZero();
        String stdout = Files.readString(runDir.resolve("stdout.log"), StandardCharsets.UTF_8);
        assertThat(stdout).contains("holdfast started").contains("draining").contains("holdfast stopped")
                .doesNotContain("+15551234567");
        assertThat(Files.readAllLines(runDir.resolve("events.jsonl"))).singleElement().asString()
                .contains("CALLER_HANGUP");
    }

    /** Sends OPTIONS every 100 ms until one is answered with {@code status}. */
    private static void awaitOptionsAnswer(TestPhone probe, InetSocketAddress holdfast, int status, String what)
            throws Exception {
        long deadlineNs = System.nanoTime() + START_WAIT.toNanos();
        while (System.nanoTime() - deadlineNs < 0) {
            probe.responses.clear();
            probe.options(holdfast);
            SipResponse response = probe.responses.poll(100, TimeUnit.MILLISECONDS);
            if (response != null && response.statusCode() == status) {
                return;
            }
        }
        throw new AssertionError("timed out after " + START_WAIT + " waiting for " + what);
    }
}
