package io.holdfast.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.holdfast.relay.events.IncidentReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path dir;

    private Path fixture() throws IOException {
        Path file = dir.resolve("events.jsonl");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("io/holdfast/relay/events/incident.jsonl")) {
            assertThat(in).isNotNull();
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void shouldPrintTheReportWhenTheFileIsReadable() throws IOException {
        Path file = fixture();

        CommandRun run = CommandRun.of("report", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(IncidentReport.read(file).render());
        assertThat(run.out()).startsWith("holdfast incident report: " + file + "\n")
                .contains("3 malformed lines", "MEDIA_TIMEOUT", "attempts exhausted");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void shouldExitTwoWhenTheFileCannotBeRead() {
        Path missing = dir.resolve("missing.jsonl");

        CommandRun run = CommandRun.of("report", missing.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("holdfast report: cannot read " + missing + ": no such file" + System.lineSeparator());
    }

    @Test
    void shouldExitTwoWhenTheFileIsNotGiven() {
        assertThat(CommandRun.of("report").exitCode()).isEqualTo(2);
    }
}
