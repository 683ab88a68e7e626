package io.github.relayllm.core.relay;

import java.io.IOException;
import java.io.Serial;

/**
 * A trace JSON file that is not one {@link TraceJson} wrote: not JSON, or a field missing or of the
 * wrong type. The message names the source and the field, e.g. {@code segments[2].token_ids[5]}.
 */
public final class TraceFormatException extends IOException {
    @Serial
    private static final long serialVersionUID = 1L;

    public TraceFormatException(String source, String field, String problem) {
        super("%s: %s: %s".formatted(source, field, problem));
    }

    public TraceFormatException(String source, String problem, Throwable cause) {
        super("%s: %s".formatted(source, problem), cause);
    }
}
