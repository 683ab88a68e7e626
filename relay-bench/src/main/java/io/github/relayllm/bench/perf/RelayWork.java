package io.github.relayllm.bench.perf;

import io.github.relayllm.core.Model;
import io.github.relayllm.core.generate.StopStringMatcher;
import io.github.relayllm.core.relay.Author;
import io.github.relayllm.core.relay.CatchUpPolicy;
import io.github.relayllm.core.relay.ContextPrefill;
import io.github.relayllm.core.relay.RelayOptions;
import io.github.relayllm.core.relay.RelayResult;
import io.github.relayllm.core.relay.SpliceMode;
import io.github.relayllm.core.relay.TraceSegment;
import io.github.relayllm.core.relay.protocol.CallTags;
import io.github.relayllm.core.runtime.Session;
import io.github.relayllm.core.tokenizer.StreamingDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The model work of one relay request, rebuilt from its result: for each model, in order, every
 * context it was brought up to and the tokens it drew after it. {@link #replay} repeats on each model
 * alone what it did in the relay, without the scheduler.
 *
 * <p>Contexts are rebuilt as the scheduler builds them with {@link SpliceMode#TEXT}: an SLM turn sees
 * the base prompt and the answer so far; a call sees the base prompt and {@link CallTags#llmBody} of
 * the answer so far; an eager catch-up sees what a call would see in the middle of an SLM turn (the
 * turn's text as far as it had been streamed, which holds back a possible start of {@code </call>}),
 * less its last token. Every rebuilt context is checked against the result's {@link ContextPrefill}
 * records (same model, order, length and kind), so a scheduler that builds contexts differently
 * makes this fail rather than measure other work.
 *
 * <p>Supports what {@link RelayOverhead} sets up: text splicing, end-of-generation not ending turns
 * (so every turn ends at a call, a stop string or its token limit), greedy decoding, no
 * cancellation. Cost of rebuilding: one tokenization per context, as in the relay.
 *
 * @param slm the SLM's steps, in order
 * @param llm the LLM's steps, in order
 */
record RelayWork(List<ContextStep> slm, List<ContextStep> llm) {
    RelayWork {
        slm = List.copyOf(slm);
        llm = List.copyOf(llm);
    }

    /**
     * The work of {@code result}, a request run with {@code options} on {@code slm} (whose tokenizer
     * builds both models' contexts) and sessions of at most {@code slmMaxLength} and {@code
     * llmMaxLength} positions.
     *
     * @throws IllegalArgumentException if {@code options} splice tokens or stop at end-of-generation
     * @throws IllegalStateException if the rebuilt contexts are not the ones the relay recorded
     */
    static RelayWork of(RelayResult result, RelayOptions options, Model slm, int slmMaxLength, int llmMaxLength) {
        if (options.splice() != SpliceMode.TEXT || options.stopAtEos()) {
            throw new IllegalArgumentException("the work is rebuilt for text splicing without end-of-generation stops");
        }
        return new Rebuilder(result, options, slm, slmMaxLength, llmMaxLength).rebuild();
    }

    /**
     * Does {@code steps} on {@code model} in a fresh session, timing each kind of work: a prefill
     * brings the cache up to the step's context, then each token is drawn as the greedy generator
     * draws it (the device's argmax) and fed back if the relay fed it back.
     *
     * @throws IllegalStateException if a prefill computes other positions than the relay's did
     */
    static ModelParts replay(Model model, List<ContextStep> steps) {
        PartTime prefill = PartTime.NONE;
        PartTime catchUp = PartTime.NONE;
        PartTime decode = PartTime.NONE;
        int diverged = 0;
        try (Session session = model.newSession()) {
            for (ContextStep step : steps) {
                long start = System.nanoTime();
                int computed = session.evaluate(step.context());
                long prefilled = System.nanoTime();
                if (computed != step.computed()) {
                    throw new IllegalStateException("a replayed prefill of %s computed %d positions, the relay's %d"
                            .formatted(model.path().getFileName(), computed, step.computed()));
                }
                int[] tokens = step.tokens();
                for (int i = 0; i < tokens.length; i++) {
                    if (session.argmax() != tokens[i]) {
                        diverged++;
                    }
                    if (i < step.decoded()) {
                        session.decode(tokens[i]);
                    }
                }
                long decoded = System.nanoTime();
                if (step.eager()) {
                    catchUp = catchUp.plus(prefilled - start, computed);
                } else {
                    prefill = prefill.plus(prefilled - start, computed);
                }
                decode = decode.plus(decoded - prefilled, tokens.length);
            }
        }
        return new ModelParts(prefill, catchUp, decode, diverged);
    }

    /** Walks the trace once, keeping the answer so far and the tokens generated so far. */
    private static final class Rebuilder {
        private final RelayResult result;
        private final Model slm;
        private final int budget;
        private final int eagerChunk;
        private final int slmMaxLength;
        private final int llmMaxLength;
        private final Iterator<ContextPrefill> slmRecords;
        private final Iterator<ContextPrefill> llmRecords;
        private final List<ContextStep> slmSteps = new ArrayList<>();
        private final List<ContextStep> llmSteps = new ArrayList<>();
        private final StringBuilder answer = new StringBuilder();
        private int generated;

        Rebuilder(RelayResult result, RelayOptions options, Model slm, int slmMaxLength, int llmMaxLength) {
            this.result = result;
            this.slm = slm;
            this.budget = options.protocol().globalMaxTokens();
            this.eagerChunk = options.catchUp() instanceof CatchUpPolicy.Eager eager ? eager.chunkTokens() : 0;
            this.slmMaxLength = slmMaxLength;
            this.llmMaxLength = llmMaxLength;
            this.slmRecords = recorded(Author.SLM);
            this.llmRecords = recorded(Author.LLM);
        }

        RelayWork rebuild() {
            String base = result.trace().basePrompt();
            for (TraceSegment segment : result.trace().segments()) {
                int[] ids =
                        segment.tokenIds().stream().mapToInt(Integer::intValue).toArray();
                switch (segment.author()) {
                    case SLM -> slmTurn(base, segment.text(), ids);
                    case LLM -> {
                        int[] context = slm.encodeContext(base + CallTags.llmBody(answer.toString()));
                        // End-of-generation does not stop a call, so it ends at its token limit: the
                        // generator draws its last token without feeding it back.
                        llmSteps.add(step(llmRecords, Author.LLM, context, ids, Math.max(0, ids.length - 1), false));
                    }
                    case SCHEDULER, MARKER -> {}
                }
                answer.append(segment.text());
                generated += ids.length;
            }
            if (slmRecords.hasNext() || llmRecords.hasNext()) {
                throw diverged("the relay recorded more contexts than its trace explains");
            }
            return new RelayWork(slmSteps, llmSteps);
        }

        private void slmTurn(String base, String text, int[] ids) {
            int[] context = slm.encodeContext(base + answer);
            if (eagerChunk > 0) {
                catchUps(base, ids);
            }
            int limit = Math.min(budget - generated, slmMaxLength - context.length);
            // A turn ended by a call policy feeds its last token back before it sees the
            // cancellation; one ended by its limit or by the stop string does not.
            boolean lastFedBack = ids.length < limit && !text.endsWith(CallTags.CLOSE);
            int decoded = lastFedBack ? ids.length : Math.max(0, ids.length - 1);
            slmSteps.add(step(slmRecords, Author.SLM, context, ids, decoded, false));
        }

        /** The catch-ups the LLM ran during an SLM turn: one after every {@code eagerChunk} tokens. */
        private void catchUps(String base, int[] ids) {
            StreamingDecoder decoder = slm.tokenizer().streamingDecoder();
            StopStringMatcher stops = new StopStringMatcher(List.of(CallTags.CLOSE), true);
            StringBuilder streamed = new StringBuilder();
            for (int i = 0; i < ids.length; i++) {
                streamed.append(stops.push(decoder.push(ids[i])));
                if ((i + 1) % eagerChunk != 0) {
                    continue;
                }
                int[] context = slm.encodeContext(base + CallTags.llmBody(answer.toString() + streamed));
                // The last token may still merge with the SLM's next ones, so it is left for later.
                int[] ahead = Arrays.copyOf(context, Math.max(0, context.length - 1));
                if (ahead.length > 0 && ahead.length < llmMaxLength) {
                    llmSteps.add(step(llmRecords, Author.LLM, ahead, new int[0], 0, true));
                }
            }
        }

        private ContextStep step(
                Iterator<ContextPrefill> records, Author model, int[] context, int[] ids, int decoded, boolean eager) {
            if (!records.hasNext()) {
                throw diverged("the trace implies more %s contexts than the relay recorded".formatted(model));
            }
            ContextPrefill record = records.next();
            if (record.contextTokens() != context.length || record.eager() != eager) {
                throw diverged("a rebuilt %s context of %d tokens (eager: %s) where the relay recorded %s"
                        .formatted(model, context.length, eager, record));
            }
            return new ContextStep(context, record.computedTokens(), ids, decoded, eager);
        }

        private Iterator<ContextPrefill> recorded(Author model) {
            return result.prefills().stream().filter(p -> p.model() == model).iterator();
        }

        private static IllegalStateException diverged(String what) {
            return new IllegalStateException("the relay's work can not be rebuilt from its trace: " + what);
        }
    }
}
