package io.github.relayllm.bench.eval.run;

import java.io.IOException;
import java.io.Serial;
import java.nio.file.Path;

/**
 * A result file that a run cannot resume: a complete line that is not JSON, lacks a field, or belongs
 * to another dataset or policy. The message reads {@code file:line: problem}.
 */
public final class ResultFileException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;

    /** @param line the 1-based line number in {@code file} */
    public ResultFileException(Path file, int line, String problem) {
        super("%s:%d: %s".formatted(file, line, problem));
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** The 1-based line number. */
    public int line() {
        return line;
    }
}
