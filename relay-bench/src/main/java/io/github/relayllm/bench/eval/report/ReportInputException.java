package io.github.relayllm.bench.eval.report;

import java.nio.file.Path;

/**
 * A run file or folder the report cannot use: not JSON, a missing or mistyped field, no run files at
 * all. The message starts with the file and, when one line is at fault, its 1-based number
 * ({@code DIR/math500.relay.jsonl:7: ...}), so that the user can open the offending line.
 */
public final class ReportInputException extends IllegalArgumentException {
    private final transient Path file;
    private final int line;

    /** A fault of line {@code line} (1-based) of {@code file}, or of the whole file when {@code line} is 0. */
    public ReportInputException(Path file, int line, String reason) {
        super(line > 0 ? "%s:%d: %s".formatted(file, line, reason) : "%s: %s".formatted(file, reason));
        this.file = file;
        this.line = line;
    }

    /** The file or folder at fault. */
    public Path file() {
        return file;
    }

    /** The 1-based line at fault, or 0 when the fault is the whole file or folder. */
    public int line() {
        return line;
    }
}
