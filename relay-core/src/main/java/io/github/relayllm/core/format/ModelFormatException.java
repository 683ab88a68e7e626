package io.github.relayllm.core.format;

import java.io.Serial;
import java.util.Objects;

/**
 * A model file that can not be read as what it claims to be: truncated, inconsistent, of an
 * unsupported version or type, or missing something required.
 *
 * <p>The message always names the file (or in-memory source), the field being read, and the byte
 * offset where the problem was found (or {@link #UNKNOWN_OFFSET} when no single offset applies), so
 * a user can find the problem with a hex editor. Readers never let a bad file surface as an
 * out-of-bounds access, an out-of-memory error or a hang: they check every count and offset against
 * the file's size before they use it.
 */
public final class ModelFormatException extends RuntimeException {
    /** The offset given when a problem does not sit at one place in the file. */
    public static final long UNKNOWN_OFFSET = -1;

    @Serial
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String field;
    private final long offset;

    public ModelFormatException(String source, String field, long offset, String problem) {
        this(source, field, offset, problem, null);
    }

    public ModelFormatException(String source, String field, long offset, String problem, Throwable cause) {
        super(format(source, field, offset, problem), cause);
        this.source = Objects.requireNonNull(source, "source");
        this.field = Objects.requireNonNull(field, "field");
        this.offset = offset;
    }

    /** The file (or in-memory source name) that was being read. */
    public String source() {
        return source;
    }

    /** The field being read, such as {@code tensor_infos[3].offset} or {@code config.json:hidden_size}. */
    public String field() {
        return field;
    }

    /** Byte offset of the problem within {@link #source()}, or {@link #UNKNOWN_OFFSET}. */
    public long offset() {
        return offset;
    }

    private static String format(String source, String field, long offset, String problem) {
        String where = offset == UNKNOWN_OFFSET ? "" : " at byte offset " + offset;
        return "%s: %s%s: %s".formatted(source, field, where, problem);
    }
}
