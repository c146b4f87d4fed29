package io.holdfast.relay.cli;

import picocli.CommandLine;

/** Reads the version from the jar manifest (Implementation-Version), "development" when run from classes. */
final class HoldfastVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = HoldfastVersion.class.getPackage().getImplementationVersion();
        return new String[] {"holdfast " + (version == null ? "development" : version)};
    }
}
