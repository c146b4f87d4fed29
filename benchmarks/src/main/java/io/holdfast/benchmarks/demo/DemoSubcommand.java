package io.holdfast.benchmarks.demo;

import io.holdfast.relay.cli.HoldfastSubcommand;

/** Adds {@code demo} to {@code holdfast} (listed in {@code META-INF/services}). Stateless. */
public final class DemoSubcommand implements HoldfastSubcommand {
    @Override
    public Object newCommand() {
        return new DemoCommand();
    }
}
