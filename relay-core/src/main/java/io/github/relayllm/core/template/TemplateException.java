package io.github.relayllm.core.template;

import java.io.Serial;
import java.util.Objects;

/**
 * A chat template that can not be compiled or rendered: a syntax error, a failed operation while
 * rendering (calling a method on an undefined value, adding a string to a number, ...), or an error
 * the template raised itself with {@code raise_exception(message)}.
 *
 * <p>The message names the template line (and column, where it is known) so that a user can find
 * the offending tag in a {@code tokenizer_config.json}: {@code "chat template line 12, column 8:
 * unknown filter 'keys'"}.
 */
public final class TemplateException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** What went wrong, for callers that react differently to a bad template and to bad input. */
    public enum Kind {
        /** The template text is not valid Jinja (or uses a tag or filter this interpreter lacks). */
        SYNTAX,
        /** An operation failed while rendering, as it would have in jinja2. */
        RENDER,
        /** The template called {@code raise_exception}: it rejects the conversation it was given. */
        RAISED
    }

    private final Kind kind;
    private final int line;
    private final int column;
    private final String problem;

    TemplateException(Kind kind, Position position, String problem) {
        super(format(position, problem));
        this.kind = Objects.requireNonNull(kind, "kind");
        this.line = position.line();
        this.column = position.column();
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** Why the template failed. */
    public Kind kind() {
        return kind;
    }

    /** The 1-based template line of the failing tag or expression. */
    public int line() {
        return line;
    }

    /** The 1-based column within {@link #line()}, or 0 where no single column applies. */
    public int column() {
        return column;
    }

    /** The message without its location; for {@link Kind#RAISED}, exactly what the template raised. */
    public String problem() {
        return problem;
    }

    private static String format(Position position, String problem) {
        return "chat template " + position + ": " + problem;
    }
}
