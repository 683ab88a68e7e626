package io.github.relayllm.core.relay;

import io.github.relayllm.core.Model;
import io.github.relayllm.core.generate.FinishReason;
import io.github.relayllm.core.generate.GenerationListener;
import io.github.relayllm.core.generate.GenerationRequest;
import io.github.relayllm.core.generate.GenerationResult;
import io.github.relayllm.core.generate.Generator;
import io.github.relayllm.core.relay.protocol.TurnFinish;
import io.github.relayllm.core.runtime.ModelSession;
import io.github.relayllm.core.sampling.LogitProcessor;
import io.github.relayllm.core.sampling.SamplingParams;
import java.util.Optional;

/**
 * A local LLM's sequence for one request. Every context it is brought to reuses its cache up to the
 * longest common token prefix, so a call prefills only what the LLM has not seen.
 */
final class LocalLlmConversation implements LlmConversation {
    private final Model model;
    private final ModelSession session;
    private final Generator generator;
    private int droppedTokens;
    private int lengthAfterLastCall;

    /** Takes over {@code session}, one of {@code model}'s: closing the conversation closes it. */
    LocalLlmConversation(Model model, ModelSession session) {
        this.model = model;
        this.session = session;
        this.generator = model.newGenerator();
    }

    @Override
    public Optional<ContextPrefill> catchUp(int[] context) {
        if (context.length == 0 || context.length >= session.maxLength()) {
            return Optional.empty();
        }
        int held = session.length();
        ContextPrefill prefill = new ContextPrefill(Author.LLM, context.length, session.evaluate(context), true);
        countDropped(held, prefill);
        return Optional.of(prefill);
    }

    @Override
    public LlmReply write(
            String prompt,
            int[] context,
            int maxTokens,
            SamplingParams sampling,
            LogitProcessor processor,
            boolean stopAtEos,
            GenerationListener listener) {
        int room = session.maxLength() - context.length;
        if (room < 1) {
            return new LlmReply.ContextFull(session.maxLength());
        }
        int held = session.length();
        GenerationRequest request = GenerationRequest.greedy(Math.min(maxTokens, room))
                .withSampling(sampling)
                .withStopAtEos(stopAtEos)
                .withLogitProcessor(processor);
        GenerationResult result = model.generate(generator, session, context, request, listener);
        lengthAfterLastCall = session.length();
        ContextPrefill prefill =
                new ContextPrefill(Author.LLM, context.length, result.timings().promptTokens(), false);
        countDropped(held, prefill);
        return new LlmReply.Written(
                result.text(),
                result.finishReason() == FinishReason.EOS ? TurnFinish.STOP : TurnFinish.LENGTH,
                result.ids(),
                result.ids().size(),
                Optional.of(prefill),
                result.timings().promptNanos(),
                result.timings().generationNanos(),
                0,
                result.finishReason() == FinishReason.CANCELLED);
    }

    /** Counts what the cache held, {@code held} positions, past the prefix {@code prefill} kept. */
    private void countDropped(int held, ContextPrefill prefill) {
        droppedTokens += Math.max(0, held - prefill.reusedTokens());
    }

    @Override
    public int unusedPrefillTokens() {
        return droppedTokens + Math.max(0, session.length() - lengthAfterLastCall);
    }

    @Override
    public void close() {
        session.close();
    }
}
