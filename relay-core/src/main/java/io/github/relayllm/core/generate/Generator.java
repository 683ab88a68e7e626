package io.github.relayllm.core.generate;

import io.github.relayllm.core.runtime.ModelSession;
import io.github.relayllm.core.runtime.Readout;
import io.github.relayllm.core.sampling.LogitProcessor;
import io.github.relayllm.core.sampling.Sampler;
import io.github.relayllm.core.sampling.SamplingWorkspace;
import io.github.relayllm.core.tokenizer.StreamingDecoder;
import io.github.relayllm.core.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The generation loop: prefill the prompt (only what the session's cache does not already hold),
 * then, token by token, pick the next token, stream its text as it becomes final, and stop at an
 * end-of-generation token, a stop string, the token budget or a cancellation.
 *
 * <pre>{@code
 * Generator generator = new Generator(tokenizer);
 * GenerationResult result = generator.generate(session, promptIds, GenerationRequest.greedy(64),
 *         new GenerationListener() {
 *             public void onToken(int id, String text) { System.out.print(text); }
 *         });
 * }</pre>
 *
 * <p>Greedy decoding without a logit processor reads only the device's argmax; otherwise the
 * sampler draws from the full logits row. Not thread-safe; a generator may serve many requests one
 * after another, and requests that run at once need one each (it holds a vocabulary-sized sampling
 * workspace).
 */
public final class Generator {
    private final Tokenizer tokenizer;
    private final Set<Integer> endOfGeneration;
    private final SamplingWorkspace workspace;
    private final float[] logits;

    public Generator(Tokenizer tokenizer, int vocabularySize, List<Integer> endOfGenerationIds) {
        this.tokenizer = tokenizer;
        this.endOfGeneration = new HashSet<>(endOfGenerationIds);
        this.workspace = new SamplingWorkspace(vocabularySize);
        this.logits = new float[vocabularySize];
    }

    /**
     * Generates after {@code promptIds} in {@code session}, whose cache is reused up to the longest
     * common prefix with the prompt.
     */
    public GenerationResult generate(
            ModelSession session, int[] promptIds, GenerationRequest request, GenerationListener listener) {
        boolean readsLogits =
                !request.sampling().isGreedy() || request.logitProcessor().isPresent();
        session.setReadout(readsLogits ? Readout.LOGITS : Readout.ARGMAX);
        long start = System.nanoTime();
        int computed = session.evaluate(promptIds);
        long prefilled = System.nanoTime();

        Sampler sampler = new Sampler(
                request.sampling(), workspace, request.logitProcessor().orElse(LogitProcessor.NONE));
        int[] history = Arrays.copyOf(promptIds, promptIds.length + request.maxTokens());
        int historyLength = promptIds.length;
        StreamingDecoder decoder = tokenizer.streamingDecoder();
        StopStringMatcher stops = new StopStringMatcher(request.stopStrings(), request.keepStopString());
        StringBuilder text = new StringBuilder();
        List<Integer> ids = new ArrayList<>();
        int drawn = 0;
        FinishReason reason = FinishReason.LENGTH;
        while (drawn < request.maxTokens()) {
            if (listener.isCancelled()) {
                reason = FinishReason.CANCELLED;
                break;
            }
            int token;
            if (readsLogits) {
                session.readLogits(logits);
                token = sampler.sample(logits, history, historyLength);
            } else {
                token = session.argmax();
            }
            drawn++;
            if (request.stopAtEos() && endOfGeneration.contains(token)) {
                reason = FinishReason.EOS;
                break;
            }
            ids.add(token);
            history[historyLength++] = token;
            String out = stops.push(decoder.push(token));
            text.append(out);
            listener.onToken(token, out);
            if (stops.stop().isPresent()) {
                reason = FinishReason.STOP;
                break;
            }
            if (drawn < request.maxTokens()) {
                session.decode(token);
            }
        }
        if (reason != FinishReason.STOP) {
            String rest = stops.push(decoder.flush());
            if (stops.stop().isPresent()) {
                reason = FinishReason.STOP;
            } else {
                rest += stops.flush();
            }
            text.append(rest);
            if (!rest.isEmpty()) {
                listener.onToken(-1, rest);
            }
        }
        long end = System.nanoTime();
        return new GenerationResult(
                Arrays.stream(promptIds).boxed().toList(),
                ids,
                text.toString(),
                reason,
                reason == FinishReason.STOP ? stops.stop() : Optional.empty(),
                new Timings(computed, prefilled - start, drawn, end - prefilled));
    }
}
