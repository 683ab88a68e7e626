package io.github.relayllm.core.kv;

import java.io.Serial;

/**
 * A sequence was asked to hold more positions than its maximum length (the model's context length,
 * or the cap its creator set). The operation that threw changed nothing.
 */
public final class ContextLengthExceededException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final long requestedLength;
    private final int maxLength;

    public ContextLengthExceededException(long requestedLength, int maxLength) {
        super("a sequence of %d tokens exceeds the context limit of %d".formatted(requestedLength, maxLength));
        this.requestedLength = requestedLength;
        this.maxLength = maxLength;
    }

    /** The length the sequence would have reached. */
    public long requestedLength() {
        return requestedLength;
    }

    /** The sequence's maximum length. */
    public int maxLength() {
        return maxLength;
    }
}
