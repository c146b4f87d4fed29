package io.holdfast.benchmarks.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.relay.cli.HoldfastCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code holdfast demo} run in-process, as the launcher runs it: the command line found through the SPI. */
@Timeout(60)
class DemoCommandIT {
    @TempDir
    Path directory;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run holdfast(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = HoldfastCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void shouldListDemoWhenHoldfastPrintsItsHelp() {
        Run run = holdfast("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("(?m)^\\s+demo\\s+Shows a mid-call failover on the built-in configuration");
    }

    @Test
    void shouldFailOverToWestAndPrintTheReportWhenEastIsKilledMidCall() throws Exception {
        Path events = directory.resolve("events.jsonl");

        Run run = holdfast("demo", "--free-ports", "--kill-after-ms", "1500", "--events", events.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).as(run.out())
                .contains("call answered by east (200 OK)")
                .contains("east reports the resume context by INFO")
                .contains(">>> PRIMARY KILLED: east dies")
                .contains("caller hears the hold prompt")
                .contains("west receives holdfast's INVITE: X-Holdfast-Failover-Cause")
                .contains("caller hears west's agent: the call is re-anchored on west")
                .containsPattern("route-change event: east -> west, cause [A-Z_]+, outcome reanchored, detection")
                .contains("holdfast incident report: " + events)
                .contains("1 call re-anchored on another region")
                .contains("the call failed over from east to west (exit 0)");
        assertThat(run.out().indexOf("PRIMARY KILLED")).isLessThan(run.out().indexOf("caller hears the hold prompt"));
        assertThat(run.out().indexOf("caller hears the hold prompt"))
                .isLessThan(run.out().indexOf("caller hears west's agent"));
        assertThat(Files.readAllLines(events)).anyMatch(line -> line.contains("\"outcome\":\"reanchored\""));
    }

    @Test
    void shouldShowTheContextArrivingAtWestWhenEastReportedIt() {
        Run run = holdfast("demo", "--free-ports", "--kill-after-ms", "1500", "--events",
                directory.resolve("events.jsonl").toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).as(run.out())
                .contains("east reports the resume context by INFO (application/vnd.holdfast.context+json):"
                        + " customerRef, lastIntent, crmResultRef, summary, language, labels -> 200")
                .contains("west received the resume context: customerRef, lastIntent, crmResultRef, summary, language,"
                        + " labels, all as east reported them")
                .contains("customerRef=cust-4711 lastIntent=book_appointment language=en-GB");
    }

    @Test
    void shouldExitOneWithTheKeyWhenAConfiguredPortIsTaken() throws Exception {
        try (DatagramSocket squatter = new DatagramSocket(null)) {
            bindUnlessTaken(squatter, new InetSocketAddress("127.0.0.1", 5090));

            Run run = holdfast("demo", "--events", directory.resolve("events.jsonl").toString());

            assertThat(run.exitCode()).isEqualTo(DemoCommand.EXIT_FAILOVER_MISSED);
            assertThat(run.err()).contains("127.0.0.1:5090 (region west (sip:agent@127.0.0.1:5090)) is in use")
                    .contains("--free-ports");
        }
    }

    /** Takes the port; when something else already holds it, it is taken all the same. */
    private static void bindUnlessTaken(DatagramSocket socket, InetSocketAddress address) {
        try {
            socket.bind(address);
        } catch (SocketException alreadyTaken) {
            assertThat(alreadyTaken).isInstanceOf(BindException.class);
        }
    }

    @Test
    void shouldRefuseAnEventsFileThatExistsWhenGiven() throws Exception {
        Path events = Files.writeString(directory.resolve("old.jsonl"), "{}\n");

        Run run = holdfast("demo", "--free-ports", "--events", events.toString());

        assertThat(run.exitCode()).isEqualTo(DemoCommand.EXIT_FAILOVER_MISSED);
        assertThat(run.err()).contains("exists; the report is of this run only");
        assertThat(Files.readString(events)).isEqualTo("{}\n");
    }
}
