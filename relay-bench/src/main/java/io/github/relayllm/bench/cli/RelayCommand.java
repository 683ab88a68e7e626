package io.github.relayllm.bench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code relay} command-line tool: the root command that holds every subcommand. */
@Command(name = "relay", mixinStandardHelpOptions = true, description = "Relay inference engine.")
public final class RelayCommand {
    public static void main(String[] args) {
        System.exit(new CommandLine(new RelayCommand()).execute(args));
    }
}
