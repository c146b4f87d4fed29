package io.holdfast.relay.cli;

/**
 * The service-provider interface through which modules that depend on relay-core add commands to
 * {@code holdfast}: {@code benchmarks} adds {@code demo}, which needs the region simulator that relay-core
 * cannot see. A provider is listed in its jar's
 * {@code META-INF/services/io.holdfast.relay.cli.HoldfastSubcommand}; {@link HoldfastCommand#newCommandLine()}
 * finds every provider on the class path with {@link java.util.ServiceLoader} and adds its command. The
 * distribution puts those jars in {@code lib/}, so the launcher sees them; without them the command is simply
 * absent. Implementations are stateless; called on the main thread at start-up.
 */
public interface HoldfastSubcommand {
    /**
     * A new instance of the command: an object annotated with picocli's {@code @Command}, whose {@code name}
     * is the sub-command's name. It must not clash with a built-in command.
     */
    Object newCommand();
}
