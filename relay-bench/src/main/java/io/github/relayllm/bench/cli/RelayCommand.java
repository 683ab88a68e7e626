package io.github.relayllm.bench.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code relay} command-line tool: the root that holds every subcommand.
 *
 * <p>Conventions every subcommand keeps (outside tools parse them): results go to stdout, logs and
 * warnings to stderr; with {@code --json}, stdout holds one JSON document and nothing else; exit code
 * 0 on success, 1 on an error (bad input, failed run) with one clear message, 2 on a usage error.
 * {@code --debug} adds the stack trace to an error.
 */
@Command(
        name = "relay",
        mixinStandardHelpOptions = true,
        versionProvider = RelayVersion.class,
        description = "Relay: a pure-Java inference engine with RelayLLM collaborative decoding.",
        subcommands = {
            InfoCommand.class,
            SynthCommand.class,
            QuantizeCommand.class,
            TokenizeCommand.class,
            GradeCommand.class,
            ReportCommand.class,
            TemplateCommand.class,
            GenerateCommand.class,
            LogitsCommand.class,
            BenchCommand.class,
            RunCommand.class,
            EvalCommand.class,
            DemoCommand.class,
            BenchRelayCommand.class,
            DevicesCommand.class,
            ChatCommand.class,
            OpsCheckCommand.class,
            JmhTableCommand.class,
            CommandLine.HelpCommand.class
        })
public final class RelayCommand {
    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean debug;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the tool with the given arguments and streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new RelayCommand())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(new ErrorReporter());
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
