package io.holdfast.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code holdfast run} refusing to start: nothing is bound, nothing waits for a signal. */
class RunCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldPrintOneLinePerProblemAndExitOneWhenTheConfigurationHasProblems() throws IOException {
        Path file = Files.writeString(dir.resolve("holdfast.yaml"), """
                regions:
                  - { name: east, uri: "sip:agent@127.0.0.1:5080", priority: 1 }
                failover: { media-timeout: abc }
                media: { ports: 30001-30999 }
                """);

        CommandRun run = CommandRun.of("run", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly(
                "media.ports: \"30001-30999\" starts on an odd port; start on an even port (RTP even, RTCP odd), like"
                        + " 30000-30999",
                "failover.media-timeout: \"abc\" is not a duration; write it like 60ms or 2s");
    }

    @Test
    void shouldSayWhyAndExitOneWhenTheFileCannotBeRead() {
        Path missing = dir.resolve("missing.yaml");

        CommandRun run = CommandRun.of("run", "--config", missing.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("holdfast run: cannot read " + missing + ": no such file"
                + System.lineSeparator());
    }

    @Test
    void shouldExitTwoWhenTheConfigOptionIsMissing() {
        CommandRun run = CommandRun.of("run");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--config");
    }

    @Test
    void shouldListRunWhenAskedForHelp() {
        CommandRun run = CommandRun.of("--help");

        assertThat(run.out()).contains("run");
    }
}
