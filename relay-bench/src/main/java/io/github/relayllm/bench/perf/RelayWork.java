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
import io.github.relayllm.core.tokenizer.StreamingDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalInt;

/**
 * The model work of one relay request, rebuilt from its result: every call into either model, in
 * the order the relay made them. {@link WorkReplay} repeats it on each model alone, without the
 * scheduler.
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
 * @param steps every call into a model, in the relay's order
 */
record RelayWork(List<ModelStep> steps) {
    RelayWork {
        steps = List.copyOf(steps);
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

    /** Tokens drawn, both models together. */
    int draws() {
        return (int) steps.stream().filter(s -> s.next().isPresent()).count();
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
        private final List<ModelStep> steps = new ArrayList<>();
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
                        prefill(llmRecords, Author.LLM, context, false, ids);
                        // End-of-generation does not stop a call, so it ends at its token limit: the
                        // generator draws its last token without feeding it back.
                        for (int i = 0; i + 1 < ids.length; i++) {
                            steps.add(new ModelStep.Feed(Author.LLM, ids[i], OptionalInt.of(ids[i + 1])));
                        }
                    }
                    case SCHEDULER, MARKER -> {}
                }
                answer.append(segment.text());
                generated += ids.length;
            }
            if (slmRecords.hasNext() || llmRecords.hasNext()) {
                throw diverged("the relay recorded more contexts than its trace explains");
            }
            return new RelayWork(steps);
        }

        private void slmTurn(String base, String text, int[] ids) {
            int[] context = slm.encodeContext(base + answer);
            prefill(slmRecords, Author.SLM, context, false, ids);
            int limit = Math.min(budget - generated, slmMaxLength - context.length);
            // A turn ended by a call policy feeds its last token back before it sees the
            // cancellation; one ended by its limit or by the stop string does not.
            boolean lastFedBack = ids.length < limit && !text.endsWith(CallTags.CLOSE);
            int fedBack = lastFedBack ? ids.length : ids.length - 1;
            StreamingDecoder decoder = slm.tokenizer().streamingDecoder();
            StopStringMatcher stops = new StopStringMatcher(List.of(CallTags.CLOSE), true);
            StringBuilder streamed = new StringBuilder();
            for (int i = 0; i < ids.length; i++) {
                streamed.append(stops.push(decoder.push(ids[i])));
                // Eager catch-up runs after a token is drawn, before it is fed back.
                if (eagerChunk > 0 && (i + 1) % eagerChunk == 0) {
                    catchUp(base, streamed);
                }
                if (i < fedBack) {
                    OptionalInt next = i + 1 < ids.length ? OptionalInt.of(ids[i + 1]) : OptionalInt.empty();
                    steps.add(new ModelStep.Feed(Author.SLM, ids[i], next));
                }
            }
        }

        /** The catch-up the LLM ran in the middle of an SLM turn whose text so far is {@code streamed}. */
        private void catchUp(String base, CharSequence streamed) {
            int[] context = slm.encodeContext(base + CallTags.llmBody(answer.toString() + streamed));
            // The last token may still merge with the SLM's next ones, so it is left for later.
            int[] ahead = Arrays.copyOf(context, Math.max(0, context.length - 1));
            if (ahead.length > 0 && ahead.length < llmMaxLength) {
                prefill(llmRecords, Author.LLM, ahead, true, new int[0]);
            }
        }

        private void prefill(
                Iterator<ContextPrefill> records, Author model, int[] context, boolean eager, int[] drawn) {
            if (!records.hasNext()) {
                throw diverged("the trace implies more %s contexts than the relay recorded".formatted(model));
            }
            ContextPrefill record = records.next();
            if (record.contextTokens() != context.length || record.eager() != eager) {
                throw diverged("a rebuilt %s context of %d tokens (eager: %s) where the relay recorded %s"
                        .formatted(model, context.length, eager, record));
            }
            OptionalInt next = drawn.length > 0 ? OptionalInt.of(drawn[0]) : OptionalInt.empty();
            steps.add(new ModelStep.Prefill(model, context, record.computedTokens(), eager, next));
        }

        private Iterator<ContextPrefill> recorded(Author model) {
            return result.prefills().stream().filter(p -> p.model() == model).iterator();
        }

        private static IllegalStateException diverged(String what) {
            return new IllegalStateException("the relay's work can not be rebuilt from its trace: " + what);
        }
    }
}
