package io.holdfast.relay.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

/** Configuration text for tests: a valid base to add to, and the problems a text yields. */
final class ConfigFixtures {
    /** Two regions, as in the example; every other key takes its default. */
    static final String REGIONS = """
            regions:
              - { name: east, uri: "sip:agent@127.0.0.1:5080", priority: 1 }
              - { name: west, uri: "sip:agent@127.0.0.1:5090", priority: 2 }
            """;

    private ConfigFixtures() {
    }

    static HoldfastConfig parse(String yaml, Path baseDirectory) {
        return ConfigLoader.parse(yaml, "test.yaml", baseDirectory);
    }

    /** The problem lines ({@code key: message}) the text yields; fails when it loads. */
    static List<String> problemsOf(String yaml, Path baseDirectory) {
        ConfigException[] thrown = new ConfigException[1];
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "test.yaml", baseDirectory))
                .isInstanceOfSatisfying(ConfigException.class, e -> thrown[0] = e);
        return thrown[0].problems().stream().map(ConfigProblem::toString).toList();
    }
}
