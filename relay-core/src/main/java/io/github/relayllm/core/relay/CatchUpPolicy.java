package io.github.relayllm.core.relay;

/**
 * When the LLM's cache catches up with the SLM's text. Either way the LLM sees the same context at a
 * call and its KV entries are bit-identical (prefill is batch-invariant), so outputs do not change;
 * only when prefill happens, and how much of it no call ever needed, does.
 */
public sealed interface CatchUpPolicy {
    /** Prefill at call time. */
    CatchUpPolicy LAZY = new Lazy();

    /** The name the CLI and reports use. */
    String name();

    /** The LLM prefills what it has not seen when a call starts. */
    record Lazy() implements CatchUpPolicy {
        @Override
        public String name() {
            return "lazy";
        }
    }

    /**
     * The LLM prefills the SLM's new text every {@code chunkTokens} SLM tokens, so that a call starts
     * decoding at once. On this engine the catch-up runs between SLM steps on the same backend (a
     * device with spare capacity could overlap it); what it computes that no call uses is counted as
     * unused prefill.
     */
    record Eager(int chunkTokens) implements CatchUpPolicy {
        public Eager {
            if (chunkTokens < 1) {
                throw new IllegalArgumentException(
                        "eager catch-up needs chunks of at least 1 token, not " + chunkTokens);
            }
        }

        @Override
        public String name() {
            return "eager";
        }
    }
}
