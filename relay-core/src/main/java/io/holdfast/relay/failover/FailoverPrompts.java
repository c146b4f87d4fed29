package io.holdfast.relay.failover;

import io.holdfast.relay.config.FailoverConfig;
import io.holdfast.rtp.prompt.Prompt;
import io.holdfast.rtp.prompt.ShippedPrompt;
import io.holdfast.rtp.prompt.WavPromptLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The two prompts of a failover, pre-encoded in every prompt codec: the hold prompt a caller hears while the
 * call moves to another region, and the agent prompt while it goes to a human. Loaded once at start-up from
 * {@code failover.prompt} and {@code failover.escalation-prompt}, or the prompts rtp-media ships. Immutable;
 * shared by every event loop.
 *
 * @param hold "Please hold while we reconnect you."
 * @param agent "Please hold, I am connecting you to an agent."
 */
public record FailoverPrompts(Prompt hold, Prompt agent) {
    public FailoverPrompts {
        Objects.requireNonNull(hold, "hold");
        Objects.requireNonNull(agent, "agent");
    }

    /** The shipped prompts. */
    public static FailoverPrompts shipped() {
        return new FailoverPrompts(ShippedPrompt.PLEASE_HOLD_RECONNECT.load(), ShippedPrompt.PLEASE_HOLD_AGENT.load());
    }

    /**
     * The prompts a configuration names, the shipped ones where it names none.
     *
     * @throws UncheckedIOException when a configured file cannot be read or is not a prompt holdfast plays
     */
    public static FailoverPrompts load(FailoverConfig config) {
        return new FailoverPrompts(load(config.prompt(), ShippedPrompt.PLEASE_HOLD_RECONNECT, "failover.prompt"),
                load(config.escalationPrompt(), ShippedPrompt.PLEASE_HOLD_AGENT, "failover.escalation-prompt"));
    }

    private static Prompt load(Optional<Path> file, ShippedPrompt fallback, String key) {
        if (file.isEmpty()) {
            return fallback.load();
        }
        try {
            return Prompt.encode(WavPromptLoader.load(file.get()));
        } catch (IOException e) {
            throw new UncheckedIOException(key + " " + file.get() + " cannot be loaded (" + e.getMessage() + "); "
                    + WavPromptLoader.CONVERSION_HINT, e);
        }
    }
}
