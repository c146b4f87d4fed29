package io.holdfast.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckConfigCommandTest {
    private static final String REGIONS = """
            regions:
              - { name: east, uri: "sip:agent@127.0.0.1:5080", priority: 1 }
              - { name: west, uri: "sip:agent@127.0.0.1:5090", priority: 2 }
            """;

    @TempDir
    Path dir;

    @Test
    void shouldPrintOkAndTheSummaryWhenTheFileIsValid() throws IOException {
        Path file = Files.writeString(dir.resolve("holdfast.yaml"), REGIONS);

        CommandRun run = CommandRun.of("check-config", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("OK: 2 regions (east sip:agent@127.0.0.1:5080 priority 1, west sip:agent@127.0.0.1:5090"
                + " priority 2); sip 127.0.0.1:5060 udp+tcp; media 127.0.0.1 ports 30000-30999 (500 pairs); failover cold,"
                + " media-timeout 60ms, max-attempts 2, budget 8s; escalation none; admin 127.0.0.1:8080; events "
                + dir.toAbsolutePath().resolve("events.jsonl") + System.lineSeparator());
        assertThat(run.err()).isEmpty();
    }

    @Test
    void shouldPrintOneLinePerProblemAndExitOneWhenTheFileHasProblems() throws IOException {
        Path file = Files.writeString(dir.resolve("holdfast.yaml"), REGIONS
                + "failover: { media-timeout: abc, mode: hot }\nadmin: { listen: 127.0.0.1:5060 }\n");

        CommandRun run = CommandRun.of("check-config", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly(
                "failover.mode: \"hot\" is not a failover mode; write cold or warm",
                "failover.media-timeout: \"abc\" is not a duration; write it like 60ms or 2s",
                "admin.listen: port 5060 is also sip.listen's port; choose another port");
    }

    @Test
    void shouldGiveLineAndColumnWhenTheYamlIsMalformed() throws IOException {
        Path file = Files.writeString(dir.resolve("holdfast.yaml"), "sip: { listen: 127.0.0.1:5060\n");

        CommandRun run = CommandRun.of("check-config", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("line 2, column 1: malformed YAML: ");
    }

    @Test
    void shouldExitTwoWhenTheFileCannotBeRead() {
        Path missing = dir.resolve("missing.yaml");

        CommandRun run = CommandRun.of("check-config", missing.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("holdfast check-config: cannot read " + missing + ": no such file" + System.lineSeparator());
        assertThat(CommandRun.of("check-config", dir.toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void shouldExitTwoWhenTheFileIsNotGiven() {
        CommandRun run = CommandRun.of("check-config");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter: 'FILE'");
    }

    @Test
    void shouldDescribeTheExitCodesWhenAskedForHelp() {
        CommandRun run = CommandRun.of("check-config", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: holdfast check-config", "Exit codes:", "1   the configuration has problems");
    }

    @Test
    void shouldListTheNewCommandsWhenTheTopLevelHelpIsShown() {
        assertThat(CommandRun.of("--help").out()).contains("check-config", "report");
    }
}
