package io.github.relayllm.bench.cli;

import picocli.CommandLine.IVersionProvider;

/** The version line of {@code relay --version}: the jar's version and the JVM it runs on. */
final class RelayVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = RelayVersion.class.getPackage().getImplementationVersion();
        return new String[] {
            "relay " + (version != null ? version : "(development build)"),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
