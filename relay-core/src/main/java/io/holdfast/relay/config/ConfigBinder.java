package io.holdfast.relay.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.holdfast.rtp.prompt.MalformedPromptFileException;
import io.holdfast.rtp.prompt.UnsupportedPromptFormatException;
import io.holdfast.rtp.prompt.WavPromptLoader;
import io.holdfast.sip.message.SipUri;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Binds the YAML tree to {@link HoldfastConfig}, checking every key, every value and the rules that
 * span sections (ports, region names and priorities, warm mode), and collecting every problem before
 * it gives up. Relative paths resolve against the base directory (the configuration file's). Used
 * once, on the loading thread.
 */
final class ConfigBinder {
    static final String REGION_URI_EXAMPLE = "sip:agent@127.0.0.1:5080";
    static final String ESCALATION_URI_EXAMPLE = "sip:queue@127.0.0.1:5100";
    static final String REGIONS_EXAMPLE = "- { name: east, uri: \"" + REGION_URI_EXAMPLE + "\", priority: 1 }";
    static final String HEALTH_URL_EXAMPLE = "http://127.0.0.1:8081/health";
    static final String PROMPT_EXAMPLE = "prompts/please-hold.wav";
    private static final int SIP_DEFAULT_PORT = 5060;
    private static final int SIPS_DEFAULT_PORT = 5061;

    private final Path baseDirectory;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private InetSocketAddress sipListen;
    private InetSocketAddress adminListen;
    private InetAddress mediaAddress;
    private PortRange mediaPorts;
    private int regionEntries;
    private FailoverMode failoverMode;

    ConfigBinder(Path baseDirectory) {
        this.baseDirectory = baseDirectory;
    }

    /**
     * Binds a document whose root is a mapping (null for an empty document).
     *
     * @throws ConfigException with every problem found
     */
    HoldfastConfig bind(JsonNode root, String source) {
        ConfigSection document = new ConfigSection("", root, problems);
        SipConfig sip = sip(document.section("sip", "sip: { listen: 127.0.0.1:5060 }"));
        MediaConfig media = media(document.section("media", "media: { address: 127.0.0.1, ports: 30000-30999 }"));
        List<RegionConfig> regions = regions(document);
        FailoverConfig failover = failover(document.section("failover",
                "failover: { mode: cold, media-timeout: 60ms, max-attempts: 2, budget: 8s }"));
        Optional<EscalationConfig> escalation = escalation(document);
        AdminConfig admin = admin(document.section("admin", "admin: { listen: 127.0.0.1:8080 }"));
        EventsConfig events = events(document.section("events", "events: { file: events.jsonl }"));
        Duration drainTimeout = document.duration("drain-timeout", HoldfastConfig.DEFAULT_DRAIN_TIMEOUT,
                HoldfastConfig.MIN_DRAIN_TIMEOUT, HoldfastConfig.MAX_DRAIN_TIMEOUT);
        document.rejectUnknownKeys();
        checkPorts();
        if (failoverMode == FailoverMode.WARM && regionEntries < HoldfastConfig.WARM_MIN_REGIONS) {
            problems.add(new ConfigProblem("failover.mode", "warm needs at least " + HoldfastConfig.WARM_MIN_REGIONS
                    + " regions (the standby leg goes to the second); add a region or write cold"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return new HoldfastConfig(sip, media, regions, failover, escalation, admin, events, drainTimeout);
    }

    private SipConfig sip(ConfigSection s) {
        if (s == null) {
            return null;
        }
        int before = problems.size();
        sipListen = s.socketAddress("listen", SipConfig.DEFAULT_LISTEN);
        Duration t1 = s.duration("t1", SipConfig.DEFAULT_T1, SipConfig.MIN_T1, SipConfig.MAX_T1);
        Duration t2 = s.duration("t2", SipConfig.DEFAULT_T2, SipConfig.MIN_T1, SipConfig.MAX_T2);
        Duration t4 = s.duration("t4", SipConfig.DEFAULT_T4, SipConfig.MIN_T4, SipConfig.MAX_T4);
        Duration inviteTimeout = s.duration("invite-timeout", SipConfig.DEFAULT_INVITE_TIMEOUT,
                SipConfig.MIN_INVITE_TIMEOUT, SipConfig.timerB(SipConfig.MAX_T1));
        Integer maxMessageBytes = s.integer("max-message-bytes", SipConfig.DEFAULT_MAX_MESSAGE_BYTES,
                SipConfig.MIN_MAX_MESSAGE_BYTES, SipConfig.MAX_MAX_MESSAGE_BYTES, "");
        List<String> passedHeaders = passedHeaders(s);
        if (t1 != null && t2 != null && t2.compareTo(t1) < 0) {
            s.problem("t2", ConfigDuration.format(t2) + " is shorter than sip.t1 (" + ConfigDuration.format(t1)
                    + "); write at least " + ConfigDuration.format(t1));
        }
        if (t1 != null && inviteTimeout != null && inviteTimeout.compareTo(SipConfig.timerB(t1)) > 0) {
            String timerB = ConfigDuration.format(SipConfig.timerB(t1));
            s.problem("invite-timeout", ConfigDuration.format(inviteTimeout) + " is longer than Timer B ("
                    + SipConfig.TIMER_B_T1_MULTIPLE + " × sip.t1 = " + timerB + "); write at most " + timerB);
        }
        s.rejectUnknownKeys();
        if (problems.size() != before) {
            return null;
        }
        return new SipConfig(sipListen, t1, t2, t4, inviteTimeout, maxMessageBytes, passedHeaders);
    }

    private List<String> passedHeaders(ConfigSection s) {
        String key = "passed-headers";
        List<String> headers = s.textList(key, SipConfig.DEFAULT_PASSED_HEADERS, "[P-Asserted-Identity, Diversion]");
        if (headers == null) {
            return null;
        }
        List<String> stripped = new ArrayList<>(headers.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i).strip();
            String item = key + "[" + i + "]";
            String quoted = ConfigProblem.quote(headers.get(i));
            Integer earlier = seen.putIfAbsent(header.toLowerCase(Locale.ROOT), i);
            if (!SipConfig.HEADER_NAME.matcher(header).matches()) {
                s.problem(item, quoted + " is not a header name; write it like P-Asserted-Identity");
            } else if (SipConfig.isManagedHeader(header)) {
                s.problem(item, quoted + " is set by holdfast on each leg and cannot be passed; remove it");
            } else if (earlier != null) {
                s.problem(item, quoted + " is listed twice (also " + s.keyOf(key) + "[" + earlier + "]); remove one");
            }
            stripped.add(header);
        }
        return stripped;
    }

    private MediaConfig media(ConfigSection s) {
        if (s == null) {
            return null;
        }
        int before = problems.size();
        InetAddress address = s.address("address", MediaConfig.DEFAULT_ADDRESS);
        PortRange ports = s.portRange("ports", MediaConfig.DEFAULT_PORTS);
        mediaAddress = address;
        mediaPorts = ports;
        LatchPolicy latch = s.choice("latch", LatchPolicy.class, MediaConfig.DEFAULT_LATCH, "a latch policy");
        Duration learningWindow = s.duration("learning-window", MediaConfig.DEFAULT_LEARNING_WINDOW,
                MediaConfig.MIN_LEARNING_WINDOW, MediaConfig.MAX_LEARNING_WINDOW);
        s.rejectUnknownKeys();
        if (problems.size() != before) {
            return null;
        }
        return new MediaConfig(address, ports, latch, learningWindow);
    }

    private List<RegionConfig> regions(ConfigSection document) {
        int before = problems.size();
        List<ConfigSection> items = document.sections("regions", REGIONS_EXAMPLE);
        if (items == null) {
            return null;
        }
        if (items.isEmpty() && problems.size() == before) {
            document.problem("regions", "no regions are configured; add at least one, like " + REGIONS_EXAMPLE);
            return null;
        }
        regionEntries = items.size() + (problems.size() - before);
        Map<String, String> namesSeen = new HashMap<>();
        Map<Integer, String> prioritiesSeen = new HashMap<>();
        List<RegionConfig> regions = new ArrayList<>(items.size());
        for (ConfigSection s : items) {
            int regionBefore = problems.size();
            String name = s.text("name", null, "write a short name like east");
            if (name != null && !RegionConfig.NAME.matcher(name).matches()) {
                s.problem("name", ConfigProblem.quote(name) + " is not a region name; write 1 to 32 lower-case letters,"
                        + " digits and '-', like east-1");
                name = null;
            }
            SipUri uri = s.sipUri("uri", REGION_URI_EXAMPLE);
            Integer priority = s.integer("priority", null, RegionConfig.MIN_PRIORITY, RegionConfig.MAX_PRIORITY,
                    "write a whole number; priority 1 is tried first");
            Optional<URI> healthUrl = s.httpUrl("health-url", HEALTH_URL_EXAMPLE);
            Duration optionsInterval = s.duration("options-interval", RegionConfig.DEFAULT_OPTIONS_INTERVAL,
                    RegionConfig.MIN_OPTIONS_INTERVAL, RegionConfig.MAX_OPTIONS_INTERVAL);
            s.rejectUnknownKeys();
            String self = s.path();
            if (name != null) {
                String earlier = namesSeen.putIfAbsent(name, self);
                if (earlier != null) {
                    s.problem("name", ConfigProblem.quote(name) + " is also the name of " + earlier
                            + "; give each region its own name");
                }
            }
            if (priority != null) {
                String earlier = prioritiesSeen.putIfAbsent(priority, name == null ? self : self + " (" + name + ")");
                if (earlier != null) {
                    s.problem("priority", priority + " is also the priority of " + earlier
                            + "; give each region its own priority");
                }
            }
            if (uri != null) {
                rejectSelf(s, uri, "point it at the region's agent");
            }
            if (problems.size() == regionBefore) {
                regions.add(new RegionConfig(name, uri, priority, healthUrl, optionsInterval));
            }
        }
        return regions;
    }

    private FailoverConfig failover(ConfigSection s) {
        if (s == null) {
            return null;
        }
        int before = problems.size();
        FailoverMode mode = s.choice("mode", FailoverMode.class, FailoverConfig.DEFAULT_MODE, "a failover mode");
        Duration mediaTimeout = s.duration("media-timeout", FailoverConfig.DEFAULT_MEDIA_TIMEOUT,
                FailoverConfig.MIN_MEDIA_TIMEOUT, FailoverConfig.MAX_MEDIA_TIMEOUT);
        Integer maxAttempts = s.integer("max-attempts", FailoverConfig.DEFAULT_MAX_ATTEMPTS,
                FailoverConfig.MIN_MAX_ATTEMPTS, FailoverConfig.MAX_MAX_ATTEMPTS, "");
        Duration budget = s.duration("budget", FailoverConfig.DEFAULT_BUDGET, FailoverConfig.MIN_BUDGET,
                FailoverConfig.MAX_BUDGET);
        Optional<Path> prompt = prompt(s, "prompt");
        Optional<Path> escalationPrompt = prompt(s, "escalation-prompt");
        WarmFlip warmFlip = s.choice("warm-flip", WarmFlip.class, FailoverConfig.DEFAULT_WARM_FLIP, "a warm flip");
        s.rejectUnknownKeys();
        failoverMode = mode;
        if (problems.size() != before) {
            return null;
        }
        return new FailoverConfig(mode, mediaTimeout, maxAttempts, budget, prompt, escalationPrompt, warmFlip);
    }

    /** A prompt path that must name a playable WAV file. */
    private Optional<Path> prompt(ConfigSection s, String key) {
        Optional<Path> path = s.path(key, baseDirectory, PROMPT_EXAMPLE);
        if (path == null || path.isEmpty()) {
            return path;
        }
        Path file = path.get();
        String quoted = ConfigProblem.quote(file.toString());
        String fix = "; check the path, or remove the key to play the built-in prompt";
        if (Files.isDirectory(file)) {
            s.problem(key, quoted + " is a directory; write the path of a WAV file, like " + PROMPT_EXAMPLE);
            return null;
        }
        try {
            WavPromptLoader.load(file);
            return path;
        } catch (NoSuchFileException e) {
            s.problem(key, quoted + " does not exist" + fix);
        } catch (AccessDeniedException e) {
            s.problem(key, quoted + " cannot be read (permission denied)" + fix);
        } catch (UnsupportedPromptFormatException | MalformedPromptFileException e) {
            s.problem(key, quoted + " cannot be played: " + e.getMessage());
        } catch (IOException e) {
            s.problem(key, quoted + " cannot be read (" + e + ")" + fix);
        }
        return null;
    }

    private Optional<EscalationConfig> escalation(ConfigSection document) {
        ConfigSection s = document.section("escalation", "escalation: { uri: \"" + ESCALATION_URI_EXAMPLE + "\" }");
        if (s == null) {
            return null;
        }
        if (!document.has("escalation")) {
            return Optional.empty();
        }
        SipUri uri = s.sipUri("uri", ESCALATION_URI_EXAMPLE);
        s.rejectUnknownKeys();
        if (uri == null) {
            return null;
        }
        if (rejectSelf(s, uri, "point it at the human agents' queue")) {
            return null;
        }
        return Optional.of(new EscalationConfig(uri));
    }

    private AdminConfig admin(ConfigSection s) {
        if (s == null) {
            return null;
        }
        InetSocketAddress listen = s.socketAddress("listen", AdminConfig.DEFAULT_LISTEN);
        adminListen = listen;
        s.rejectUnknownKeys();
        return listen == null ? null : new AdminConfig(listen);
    }

    private EventsConfig events(ConfigSection s) {
        if (s == null) {
            return null;
        }
        int before = problems.size();
        Optional<Path> file = s.path("file", baseDirectory, "events.jsonl");
        Integer queueCapacity = s.integer("queue-capacity", EventsConfig.DEFAULT_QUEUE_CAPACITY,
                EventsConfig.MIN_QUEUE_CAPACITY, EventsConfig.MAX_QUEUE_CAPACITY, "");
        s.rejectUnknownKeys();
        Path path = file == null ? null : file.orElse(baseDirectory.resolve(EventsConfig.DEFAULT_FILE));
        if (path != null) {
            checkWritable(s, path);
        }
        if (problems.size() != before) {
            return null;
        }
        return new EventsConfig(path, queueCapacity);
    }

    private static void checkWritable(ConfigSection s, Path file) {
        String quoted = ConfigProblem.quote(file.toString());
        Path directory = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) {
            s.problem("file", quoted + " is a directory; write the path of a file, like events.jsonl");
        } else if (directory != null && !Files.isDirectory(directory)) {
            s.problem("file", quoted + " is in a directory that does not exist (" + directory
                    + "); create the directory or write another path");
        } else if (Files.exists(file) ? !Files.isWritable(file) : directory != null && !Files.isWritable(directory)) {
            s.problem("file", quoted + " cannot be written (permission denied); give holdfast write access or write"
                    + " another path");
        }
    }

    /** Reports a URI that points back at holdfast's own SIP address (a call would loop); true if so. */
    private boolean rejectSelf(ConfigSection s, SipUri uri, String fix) {
        if (sipListen == null) {
            return false;
        }
        int port = uri.port() != SipUri.NO_PORT ? uri.port()
                : uri.scheme() == SipUri.Scheme.SIPS ? SIPS_DEFAULT_PORT : SIP_DEFAULT_PORT;
        String host = uri.host().startsWith("[") ? uri.host().substring(1, uri.host().length() - 1) : uri.host();
        InetAddress address = SocketAddressSyntax.literal(host);
        InetAddress listen = sipListen.getAddress();
        boolean self = port == sipListen.getPort() && address != null
                && (address.equals(listen) || listen.isAnyLocalAddress() && address.isLoopbackAddress());
        if (self) {
            s.problem("uri", ConfigProblem.quote(uri.toString()) + " is holdfast's own sip.listen; " + fix);
        }
        return self;
    }

    /**
     * SIP, admin and media must not claim the same port on addresses that overlap. Checked on every
     * address that could be read, even when another key of its section is bad.
     */
    private void checkPorts() {
        if (sipListen != null && adminListen != null && sipListen.getPort() != 0
                && sipListen.getPort() == adminListen.getPort()
                && overlap(sipListen.getAddress(), adminListen.getAddress())) {
            problems.add(new ConfigProblem("admin.listen", "port " + adminListen.getPort()
                    + " is also sip.listen's port; choose another port"));
        }
        if (mediaPorts == null || mediaAddress == null) {
            return;
        }
        if (sipListen != null && mediaPorts.contains(sipListen.getPort()) && overlap(sipListen.getAddress(), mediaAddress)) {
            problems.add(new ConfigProblem("sip.listen", "port " + sipListen.getPort() + " lies in media.ports "
                    + mediaPorts + "; move one of them"));
        }
        if (adminListen != null && mediaPorts.contains(adminListen.getPort())
                && overlap(adminListen.getAddress(), mediaAddress)) {
            problems.add(new ConfigProblem("admin.listen", "port " + adminListen.getPort() + " lies in media.ports "
                    + mediaPorts + "; move one of them"));
        }
    }

    private static boolean overlap(InetAddress a, InetAddress b) {
        return a.equals(b) || a.isAnyLocalAddress() || b.isAnyLocalAddress();
    }
}
