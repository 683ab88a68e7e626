package io.github.relayllm.core.relay.protocol;

import java.util.Objects;

/** What the protocol asks for next: an SLM turn, an LLM call, or nothing more. */
public sealed interface ProtocolStep {

    /**
     * The SLM writes: after {@code prompt} (base prompt and transcript), up to {@code maxTokens}
     * tokens, stopping at its end-of-generation token or (in a relay) after {@code </call>}.
     *
     * @param turn 1-based
     */
    record SlmTurn(String prompt, int maxTokens, int turn) implements ProtocolStep {
        public SlmTurn {
            Objects.requireNonNull(prompt, "prompt");
        }
    }

    /**
     * The LLM writes up to {@code maxTokens} tokens after {@code prompt} (base prompt and the
     * transcript with its call tags removed), stopping only at its end-of-generation token.
     *
     * @param requestedTokens the N the SLM asked for (saturated at {@link Long#MAX_VALUE})
     * @param call 1-based
     */
    record LlmCall(String prompt, int maxTokens, long requestedTokens, int call) implements ProtocolStep {
        public LlmCall {
            Objects.requireNonNull(prompt, "prompt");
        }
    }

    /** The request is over. */
    record Finished(ProtocolOutcome outcome) implements ProtocolStep {
        public Finished {
            Objects.requireNonNull(outcome, "outcome");
        }
    }
}
