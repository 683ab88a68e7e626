package io.github.relayllm.bench.eval.dataset;

import java.io.IOException;
import java.io.Serial;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A dataset line that does not fit its layout: not JSON, not an object, a field missing, of the
 * wrong type or empty, an answer that cannot be found, a duplicate id. The message reads {@code
 * file:line: field: problem} so that the line can be opened at once; the parts are also kept.
 */
public final class DatasetFormatException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final String field;

    /**
     * @param line 1-based line number in {@code file}
     * @param field the offending field, or null when the line as a whole is wrong
     */
    public DatasetFormatException(Path file, int line, String field, String problem) {
        super(
                field == null
                        ? "%s:%d: %s".formatted(file, line, problem)
                        : "%s:%d: %s: %s".formatted(file, line, field, problem));
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public Path file() {
        return file;
    }

    /** The 1-based line number. */
    public int line() {
        return line;
    }

    /** The offending field; empty when the line as a whole is wrong (e.g. malformed JSON). */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
