package io.holdfast.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HoldfastSubcommandTest {
    @Test
    void shouldListProvidedCommandBeforeHelpWhenAProviderIsOnTheClassPath() {
        CommandRun run = CommandRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("provided-test", "run", "report");
        assertThat(run.out().indexOf("provided-test")).isLessThan(run.out().lastIndexOf("help"));
    }

    @Test
    void shouldRunProvidedCommandWhenNamed() {
        CommandRun run = CommandRun.of("provided-test");

        assertThat(run.exitCode()).isEqualTo(ProvidedTestCommand.EXIT_CODE);
        assertThat(run.out()).isEqualTo("provided command ran");
    }

    @Test
    void shouldStillAnswerHelpCommandWhenProvidersAreAdded() {
        CommandRun run = CommandRun.of("help", "provided-test");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("A command from a HoldfastSubcommand provider");
    }
}
