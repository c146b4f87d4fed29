package io.holdfast.relay.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration that cannot be used, with every problem found in it (never only the first). The
 * message holds one line per problem, section by section in the order of the schema (sip, media,
 * regions, failover, escalation, admin, events), then unknown top-level keys and port conflicts.
 */
public final class ConfigException extends RuntimeException {
    private final String source;
    private final transient List<ConfigProblem> problems;

    /**
     * @param source what was read, for example the file's path or {@code built-in default}
     * @param problems at least one problem
     */
    public ConfigException(String source, List<ConfigProblem> problems) {
        super(render(source, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** What was read: the file's path, or {@code built-in default}. */
    public String source() {
        return source;
    }

    /** Every problem, in the order the message lists them; never empty. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String render(String source, List<ConfigProblem> problems) {
        String head = problems.size() == 1
                ? "1 problem in " + source + ":"
                : problems.size() + " problems in " + source + ":";
        return problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n", head + "\n", ""));
    }
}
