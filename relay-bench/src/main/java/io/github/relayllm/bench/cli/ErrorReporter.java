package io.github.relayllm.bench.cli;

import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception thrown by a subcommand into one line on stderr and exit code 1. The stack trace
 * is printed only with {@code --debug}: a user who gave a bad file needs the file and the reason, not
 * our call stack.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
    static final int EXIT_ERROR = 1;

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        var err = commandLine.getErr();
        err.println(commandLine.getCommandSpec().qualifiedName() + ": error: " + describe(exception));
        if (debugRequested(parseResult)) {
            exception.printStackTrace(err);
        } else if (isUnexpected(exception)) {
            err.println("(this looks like a bug in relay; rerun with --debug for the stack trace)");
        }
        err.flush();
        return EXIT_ERROR;
    }

    private static String describe(Exception exception) {
        return switch (exception) {
            case NoSuchFileException e -> "no such file: " + e.getFile();
            case AccessDeniedException e -> "permission denied: " + e.getFile();
            case FileNotFoundException e -> "file not found: " + e.getMessage();
            default -> exception.getMessage() != null ? exception.getMessage() : exception.toString();
        };
    }

    private static boolean isUnexpected(Exception exception) {
        return exception instanceof NullPointerException
                || exception instanceof IndexOutOfBoundsException
                || exception instanceof ClassCastException
                || exception instanceof IllegalStateException;
    }

    private static boolean debugRequested(ParseResult parseResult) {
        for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
            if (result.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
