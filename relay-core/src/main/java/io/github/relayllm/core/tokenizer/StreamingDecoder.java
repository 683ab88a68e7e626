package io.github.relayllm.core.tokenizer;

import java.util.Arrays;

/**
 * Decodes text that arrives one token at a time, as generation produces it, without ever emitting a
 * broken UTF-8 sequence: bytes that may be the start of a multi-byte character (an emoji split
 * across byte-level tokens, a run of SentencePiece {@code <0xXX>} pieces) are held back until the
 * character is complete. For any ids, the concatenation of every {@link #push} and the final {@link
 * #flush} equals {@link Tokenizer#decode} of all of them.
 *
 * <p>Not thread-safe: one decoder per generated sequence. Holds at most three bytes between calls.
 */
public final class StreamingDecoder {
    private final Tokenizer tokenizer;
    private boolean dropLeadingSpace;
    private byte[] pending = new byte[16];
    private int pendingLength;

    StreamingDecoder(Tokenizer tokenizer, boolean dropLeadingSpace) {
        this.tokenizer = tokenizer;
        this.dropLeadingSpace = dropLeadingSpace;
    }

    /**
     * Adds token {@code id}; returns the text that is now complete (possibly empty).
     *
     * @throws IllegalArgumentException if {@code id} is outside the vocabulary
     */
    public String push(int id) {
        byte[] bytes = tokenizer.tokenBytes(id);
        int from = 0;
        if (dropLeadingSpace && bytes.length > 0) {
            from = bytes[0] == ' ' ? 1 : 0;
            dropLeadingSpace = false;
        }
        int length = pendingLength + bytes.length - from;
        if (length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(length, pending.length * 2));
        }
        System.arraycopy(bytes, from, pending, pendingLength, bytes.length - from);
        int held = Utf8.incompleteTail(pending, length);
        String text = Utf8.decode(pending, 0, length - held);
        System.arraycopy(pending, length - held, pending, 0, held);
        pendingLength = held;
        return text;
    }

    /** Ends the sequence: the held-back bytes, an incomplete character among them as U+FFFD. */
    public String flush() {
        String text = Utf8.decode(pending, 0, pendingLength);
        pendingLength = 0;
        return text;
    }
}
