package io.github.relayllm.core.relay;

import io.github.relayllm.core.relay.protocol.TurnFinish;
import java.util.List;
import java.util.Optional;

/** What came of one LLM call. */
sealed interface LlmReply {

    /**
     * The LLM wrote.
     *
     * @param ids the generated ids (empty when a server does not send them)
     * @param tokens the tokens it counts against the budget
     * @param prefill the context it was brought up to (absent for a remote LLM)
     */
    record Written(
            String text,
            TurnFinish finish,
            List<Integer> ids,
            int tokens,
            Optional<ContextPrefill> prefill,
            long prefillNanos,
            long decodeNanos,
            long remoteNanos,
            boolean cancelled)
            implements LlmReply {}

    /** The LLM could not answer; {@code reason} is the reference's error text, e.g. {@code Service status 500}. */
    record Failed(String reason, long remoteNanos) implements LlmReply {}

    /** The LLM's context window can not hold the call's context and one more token. */
    record ContextFull(int limit) implements LlmReply {}
}
