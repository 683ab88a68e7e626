package io.github.relayllm.core.template;

import java.io.Serial;

/**
 * A failed operation on values (Python's {@code TypeError}, jinja2's {@code UndefinedError}, ...),
 * thrown by code that does not know where in the template it runs. The evaluator catches it at the
 * innermost syntax node and turns it into a {@link TemplateException} carrying that node's position.
 */
final class RenderError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final boolean raisedByTemplate;

    private RenderError(String message, boolean raisedByTemplate) {
        super(message, null, false, false);
        this.raisedByTemplate = raisedByTemplate;
    }

    RenderError(String message) {
        this(message, false);
    }

    /** The error of the template's own {@code raise_exception(message)}. */
    static RenderError raisedByTemplate(String message) {
        return new RenderError(message, true);
    }

    TemplateException at(Position position) {
        TemplateException.Kind kind = raisedByTemplate ? TemplateException.Kind.RAISED : TemplateException.Kind.RENDER;
        return new TemplateException(kind, position, getMessage());
    }
}
