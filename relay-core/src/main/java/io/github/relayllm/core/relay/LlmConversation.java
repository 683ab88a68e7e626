package io.github.relayllm.core.relay;

import io.github.relayllm.core.generate.GenerationListener;
import io.github.relayllm.core.sampling.LogitProcessor;
import io.github.relayllm.core.sampling.SamplingParams;
import java.util.Optional;

/** The LLM's side of one request: its KV sequence (local) or nothing but a connection (remote). */
interface LlmConversation extends AutoCloseable {

    /**
     * Eager catch-up: brings the LLM's cache up to {@code context} ahead of a call, if it keeps one.
     *
     * @return what was computed, or empty when this LLM keeps no cache
     */
    Optional<ContextPrefill> catchUp(int[] context);

    /** Answers a call: up to {@code maxTokens} tokens after the context, stopping at end-of-generation. */
    LlmReply write(
            String prompt,
            int[] context,
            int maxTokens,
            SamplingParams sampling,
            LogitProcessor processor,
            boolean stopAtEos,
            GenerationListener listener);

    /** Positions computed that no call used: dropped at a seam, or computed ahead past the last call. */
    int unusedPrefillTokens();

    @Override
    void close();
}
