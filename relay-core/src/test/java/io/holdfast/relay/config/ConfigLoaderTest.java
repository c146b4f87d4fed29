package io.holdfast.relay.config;

import static io.holdfast.relay.config.ConfigFixtures.REGIONS;
import static io.holdfast.relay.config.ConfigFixtures.parse;
import static io.holdfast.relay.config.ConfigFixtures.problemsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.holdfast.rtp.prompt.WavPromptLoader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String ISSUE_EXAMPLE = """
            sip:      { listen: 127.0.0.1:5060 }            # UDP and TCP on this address
            media:    { address: 127.0.0.1, ports: 30000-30999 }
            regions:                                       # priority 1 is tried first
              - { name: east, uri: "sip:agent@127.0.0.1:5080", priority: 1 }
              - { name: west, uri: "sip:agent@127.0.0.1:5090", priority: 2 }
            failover: { mode: cold, media-timeout: 60ms, max-attempts: 2, budget: 8s }
            escalation: { uri: "sip:queue@127.0.0.1:5100" }
            admin:    { listen: 127.0.0.1:8080 }
            events:   { file: events.jsonl }
            """;

    @TempDir
    Path dir;

    @Test
    void shouldBindEveryKeyWhenTheIssueExampleIsLoaded() throws IOException {
        Path file = Files.writeString(dir.resolve("holdfast.yaml"), ISSUE_EXAMPLE);

        HoldfastConfig config = ConfigLoader.load(file);

        assertThat(config.sip().listen()).isEqualTo(new InetSocketAddress("127.0.0.1", 5060));
        assertThat(config.media().address().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(config.media().ports()).isEqualTo(new PortRange(30000, 30999));
        assertThat(config.regions()).extracting(RegionConfig::name).containsExactly("east", "west");
        assertThat(config.regions().get(1).uri()).hasToString("sip:agent@127.0.0.1:5090");
        assertThat(config.failover()).isEqualTo(FailoverConfig.DEFAULT);
        assertThat(config.escalation()).map(e -> e.uri().toString()).contains("sip:queue@127.0.0.1:5100");
        assertThat(config.admin()).isEqualTo(AdminConfig.DEFAULT);
        assertThat(config.events().file()).isEqualTo(dir.toAbsolutePath().resolve("events.jsonl"));
        assertThat(config.drainTimeout()).isEqualTo(HoldfastConfig.DEFAULT_DRAIN_TIMEOUT);
    }

    @Test
    void shouldMatchTheIssueExampleWhenTheBuiltInDefaultIsLoaded() throws IOException {
        HoldfastConfig builtIn = ConfigLoader.loadDefault();
        HoldfastConfig example = ConfigLoader.load(Files.writeString(dir.resolve("holdfast.yaml"), ISSUE_EXAMPLE));

        assertThat(builtIn.regions()).isEqualTo(example.regions());
        assertThat(builtIn.sip()).isEqualTo(example.sip());
        assertThat(builtIn.media()).isEqualTo(example.media());
        assertThat(builtIn.failover()).isEqualTo(example.failover());
        assertThat(builtIn.escalation()).isEqualTo(example.escalation());
        assertThat(builtIn.events().file()).isEqualTo(Path.of("").toAbsolutePath().resolve("events.jsonl"));
        assertThat(builtIn.summary()).isEqualTo("2 regions (east sip:agent@127.0.0.1:5080 priority 1,"
                + " west sip:agent@127.0.0.1:5090 priority 2); sip 127.0.0.1:5060 udp+tcp;"
                + " media 127.0.0.1 ports 30000-30999 (500 pairs);"
                + " failover cold, media-timeout 60ms, max-attempts 2, budget 8s;"
                + " escalation sip:queue@127.0.0.1:5100; admin 127.0.0.1:8080; events "
                + builtIn.events().file());
    }

    @Test
    void shouldTakeTheDefaultsWhenOnlyRegionsAreGiven() {
        HoldfastConfig config = parse(REGIONS, dir);

        assertThat(config.sip()).isEqualTo(SipConfig.DEFAULT);
        assertThat(config.media()).isEqualTo(MediaConfig.DEFAULT);
        assertThat(config.failover()).isEqualTo(FailoverConfig.DEFAULT);
        assertThat(config.escalation()).isEmpty();
        assertThat(config.admin()).isEqualTo(AdminConfig.DEFAULT);
        assertThat(config.events()).isEqualTo(new EventsConfig(dir.resolve("events.jsonl"), EventsConfig.DEFAULT_QUEUE_CAPACITY));
        assertThat(config.regions().get(0).optionsInterval()).isEqualTo(RegionConfig.DEFAULT_OPTIONS_INTERVAL);
        assertThat(config.regions().get(0).healthUrl()).isEmpty();
        assertThat(config.sip().passedHeaders()).containsExactly("P-Asserted-Identity", "Diversion", "User-Agent");
    }

    @Test
    void shouldBindEveryOptionalKeyWhenAllAreWritten() throws IOException {
        TestWavFiles.write(Files.createDirectory(dir.resolve("prompts")).resolve("hold.wav"), 8000, 1);
        TestWavFiles.write(dir.resolve("prompts/agent.wav"), 8000, 1);
        String yaml = """
                sip:
                  listen: "[::1]:5070"
                  t1: 250ms
                  t2: 2s
                  t4: 3s
                  invite-timeout: 1500ms
                  max-message-bytes: 8192
                  passed-headers: [Diversion, X-Customer-Tier]
                media: { address: "::1", ports: 40000-40099, latch: first-packet, learning-window: 5s }
                regions:
                  - name: west
                    uri: "sip:agent@127.0.0.1:5090;transport=tcp"
                    priority: 20
                    options-interval: 500ms
                  - name: east-1
                    uri: "sips:agent@voice.example.com"
                    priority: 10
                    health-url: "https://voice.example.com:8443/health"
                failover:
                  mode: warm
                  media-timeout: 100ms
                  max-attempts: 3
                  budget: 5s
                  prompt: prompts/hold.wav
                  escalation-prompt: prompts/agent.wav
                events: { file: log/events.jsonl, queue-capacity: 1024 }
                drain-timeout: 2m
                """;
        Files.createDirectory(dir.resolve("log"));

        HoldfastConfig config = parse(yaml, dir);

        assertThat(config.sip()).isEqualTo(new SipConfig(new InetSocketAddress("::1", 5070), Duration.ofMillis(250),
                Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofMillis(1500), 8192,
                List.of("Diversion", "X-Customer-Tier")));
        assertThat(config.sip().passes("x-customer-tier")).isTrue();
        assertThat(config.sip().passes("User-Agent")).isFalse();
        assertThat(config.sip().timerB()).isEqualTo(Duration.ofSeconds(16));
        assertThat(config.media().latch()).isEqualTo(LatchPolicy.FIRST_PACKET);
        assertThat(config.media().learningWindow()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.media().address().isLoopbackAddress()).isTrue();
        assertThat(config.regions()).extracting(RegionConfig::name).containsExactly("east-1", "west");
        assertThat(config.regions().get(0).healthUrl()).contains(URI.create("https://voice.example.com:8443/health"));
        assertThat(config.regions().get(1).optionsInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.regions().get(1).uri().transport()).isEqualTo("tcp");
        assertThat(config.failover()).isEqualTo(new FailoverConfig(FailoverMode.WARM, Duration.ofMillis(100), 3,
                Duration.ofSeconds(5), Optional.of(dir.resolve("prompts/hold.wav")),
                Optional.of(dir.resolve("prompts/agent.wav"))));
        assertThat(config.events()).isEqualTo(new EventsConfig(dir.resolve("log/events.jsonl"), 1024));
        assertThat(config.drainTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.region("west")).contains(config.regions().get(1));
        assertThat(config.region("north")).isEmpty();
    }

    @Test
    void shouldResolveRelativePathsAgainstTheFileDirectoryWhenLoadingAFile() throws IOException {
        Path conf = Files.createDirectory(dir.resolve("conf"));
        TestWavFiles.write(conf.resolve("hold.wav"), 8000, 1);
        Path file = Files.writeString(conf.resolve("holdfast.yaml"), REGIONS + "failover: { prompt: hold.wav }\n");

        HoldfastConfig config = ConfigLoader.load(file);

        assertThat(config.failover().prompt()).contains(conf.toAbsolutePath().resolve("hold.wav"));
        assertThat(config.events().file()).isEqualTo(conf.toAbsolutePath().resolve("events.jsonl"));
    }

    @Test
    void shouldThrowIoExceptionWhenTheFileCannotBeRead() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.yaml"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> ConfigLoader.load(dir)).isInstanceOf(IOException.class);
    }

    @Test
    void shouldBindWarmFlipWhenItIsNoneOrReinvite() {
        assertThat(parse(REGIONS + "failover: { mode: warm, warm-flip: none }\n", dir).failover().warmFlip())
                .isEqualTo(WarmFlip.NONE);
        assertThat(parse(REGIONS + "failover: { mode: warm, warm-flip: reinvite }\n", dir).failover().warmFlip())
                .isEqualTo(WarmFlip.REINVITE);
        assertThat(parse(REGIONS + "failover: { mode: warm }\n", dir).failover().warmFlip())
                .isEqualTo(FailoverConfig.DEFAULT_WARM_FLIP).isEqualTo(WarmFlip.REINVITE);
    }

    @Test
    void shouldNameKeyValueAndFixWhenWarmFlipIsBad() {
        assertThat(problemsOf(REGIONS + "failover: { mode: warm, warm-flip: skip }\n", dir)).containsExactly(
                "failover.warm-flip: \"skip\" is not a warm flip; write reinvite or none");
        assertThat(problemsOf(REGIONS + "failover: { warm-flips: none }\n", dir)).containsExactly(
                "failover.warm-flips: unknown key; did you mean warm-flip?");
    }

    @Test
    void shouldNameTheSourceAndEveryProblemWhenTheMessageIsRendered() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "failover: { mode: hot }\n");

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.source()).isEqualTo(file.toString());
                    assertThat(e.getMessage()).isEqualTo("2 problems in " + file + ":\n"
                            + "regions: no regions are configured; add at least one, like"
                            + " - { name: east, uri: \"sip:agent@127.0.0.1:5080\", priority: 1 }\n"
                            + "failover.mode: \"hot\" is not a failover mode; write cold or warm");
                });
    }

    @Test
    void shouldAskOnlyForRegionsWhenTheFileIsEmpty() {
        assertThat(problemsOf("", dir)).containsExactly("regions: no regions are configured; add at least one, like"
                + " - { name: east, uri: \"sip:agent@127.0.0.1:5080\", priority: 1 }");
        assertThat(problemsOf("# nothing yet\n", dir)).hasSize(1);
    }

    @Test
    void shouldGiveLineAndColumnWhenTheYamlIsMalformed() {
        assertThat(problemsOf("sip: { listen: 127.0.0.1:5060\nregions: []\n", dir)).containsExactly(
                "line 2, column 8: malformed YAML: expected ',' or '}', but got :; check the indentation, and quote"
                        + " values that hold ': ', '[', '{' or '#'");
        assertThat(problemsOf("sip:\n\tlisten: 127.0.0.1:5060\n", dir)).containsExactly(
                "line 2, column 1: malformed YAML: found character '\\t(TAB)' that cannot start any token. (Do not use"
                        + " \\t(TAB) for indentation); check the indentation, and quote values that hold ': ', '[', '{' or '#'");
    }

    @Test
    void shouldGiveLineAndColumnWhenAKeyIsRepeated() {
        assertThat(problemsOf(REGIONS + "sip: { listen: 127.0.0.1:5060 }\nsip: { t1: 1s }\n", dir))
                .containsExactly("line 5, column 4: duplicate key sip; keep one of them");
    }

    @Test
    void shouldRejectWhenTheFileHoldsTwoDocuments() {
        assertThat(problemsOf(REGIONS + "---\n" + REGIONS, dir)).containsExactly(
                "line 5, column 1: a second YAML document starts here; holdfast reads one document, remove the rest");
    }

    @Test
    void shouldRejectWhenTheDocumentIsNotAMapping() {
        assertThat(problemsOf("- sip\n- media\n", dir)).containsExactly(
                "(document): a list is not a mapping of sections; start the file like sip: { listen: 127.0.0.1:5060 }");
        assertThat(problemsOf("holdfast\n", dir)).containsExactly(
                "(document): \"holdfast\" is not a mapping of sections; start the file like sip: { listen: 127.0.0.1:5060 }");
    }

    @Test
    void shouldGiveLineAndColumnWhenTheFileIsNotUtf8() throws IOException {
        byte[] bytes = (REGIONS + "drain-timeout: 5s # caf").getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = new byte[bytes.length + 2];
        System.arraycopy(bytes, 0, latin1, 0, bytes.length);
        latin1[bytes.length] = (byte) 0xE9;
        latin1[bytes.length + 1] = '\n';
        Path file = Files.write(dir.resolve("latin1.yaml"), latin1);

        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).map(ConfigProblem::toString).containsExactly(
                        "line 4, column 24: this byte is not UTF-8 text (Input length = 1); save the file as UTF-8"));
    }

    @Test
    void shouldAcceptAByteOrderMarkWhenTheFileStartsWithOne() throws IOException {
        Path file = Files.writeString(dir.resolve("bom.yaml"), "\uFEFF" + REGIONS);
        assertThat(ConfigLoader.load(file).regions()).hasSize(2);
    }

    @Test
    void shouldRejectWhenTheFileIsTooLargeToBeAConfiguration() throws IOException {
        Path file = Files.write(dir.resolve("huge.yaml"), new byte[ConfigLoader.MAX_FILE_BYTES + 1]);

        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).map(ConfigProblem::toString).containsExactly(
                        "(document): the file is larger than 1024 KiB; a holdfast configuration is a few kilobytes,"
                                + " check the path"));
    }

    @Test
    void shouldExplainWhenAPromptFileCannotBeRead() throws IOException {
        Files.createDirectory(dir.resolve("prompts"));
        String fix = "; check the path, or remove the key to play the built-in prompt";

        assertThat(problemsOf(REGIONS + "failover: { prompt: nope.wav }", dir))
                .containsExactly("failover.prompt: \"" + dir.resolve("nope.wav") + "\" does not exist" + fix);
        assertThat(problemsOf(REGIONS + "failover: { escalation-prompt: prompts }", dir))
                .containsExactly("failover.escalation-prompt: \"" + dir.resolve("prompts")
                        + "\" is a directory; write the path of a WAV file, like prompts/please-hold.wav");
    }

    @Test
    void shouldExplainWhenAPromptFileCannotBePlayed() throws IOException {
        Path wideband = TestWavFiles.write(dir.resolve("wideband.wav"), 16000, 1);
        Files.writeString(dir.resolve("text.wav"), "not audio");

        List<String> problems = problemsOf(REGIONS + "failover: { prompt: wideband.wav, escalation-prompt: text.wav }", dir);

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).startsWith("failover.prompt: \"" + wideband + "\" cannot be played: Prompt " + wideband
                + " is PCM_SIGNED 16000.0 Hz").endsWith(WavPromptLoader.CONVERSION_HINT);
        assertThat(problems.get(1)).startsWith("failover.escalation-prompt: \"" + dir.resolve("text.wav")
                + "\" cannot be played: Prompt " + dir.resolve("text.wav") + " is not a readable WAV file");
    }

    @Test
    void shouldExplainWhenTheEventsFileCannotBeWritten() throws IOException {
        Files.createDirectory(dir.resolve("taken"));

        assertThat(problemsOf(REGIONS + "events: { file: missing/events.jsonl }", dir)).containsExactly(
                "events.file: \"" + dir.resolve("missing/events.jsonl") + "\" is in a directory that does not exist ("
                        + dir.resolve("missing") + "); create the directory or write another path");
        assertThat(problemsOf(REGIONS + "events: { file: taken }", dir)).containsExactly("events.file: \""
                + dir.resolve("taken") + "\" is a directory; write the path of a file, like events.jsonl");
    }
}
