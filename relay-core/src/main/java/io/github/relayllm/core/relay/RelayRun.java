package io.github.relayllm.core.relay;

import io.github.relayllm.core.Model;
import io.github.relayllm.core.generate.FinishReason;
import io.github.relayllm.core.generate.GenerationListener;
import io.github.relayllm.core.generate.GenerationRequest;
import io.github.relayllm.core.generate.GenerationResult;
import io.github.relayllm.core.generate.Generator;
import io.github.relayllm.core.relay.CallPolicy.ForcedCall;
import io.github.relayllm.core.relay.protocol.CallTags;
import io.github.relayllm.core.relay.protocol.EndReason;
import io.github.relayllm.core.relay.protocol.Markers;
import io.github.relayllm.core.relay.protocol.ProtocolOutcome;
import io.github.relayllm.core.relay.protocol.ProtocolStep;
import io.github.relayllm.core.relay.protocol.ProtocolStep.Finished;
import io.github.relayllm.core.relay.protocol.ProtocolStep.LlmCall;
import io.github.relayllm.core.relay.protocol.ProtocolStep.SlmTurn;
import io.github.relayllm.core.relay.protocol.RelayProtocol;
import io.github.relayllm.core.relay.protocol.Route;
import io.github.relayllm.core.relay.protocol.TurnFinish;
import io.github.relayllm.core.relay.protocol.TurnOutput;
import io.github.relayllm.core.runtime.ModelSession;
import io.github.relayllm.core.sampling.SamplingParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One relay request, start to end: drives the {@link RelayProtocol} with the SLM's session and the
 * LLM's conversation, which live exactly as long as the request (so their KV blocks go back to the
 * pools however it ends), and keeps the accounting and the trace on the way.
 */
final class RelayRun {
    private final Model slm;
    private final ModelSession slmSession;
    private final Generator slmGenerator;
    private final LlmConversation llm;
    private final RelayOptions options;
    private final RelayListener listener;
    private final RelayProtocol protocol;
    private final SplittableRandom policyRandom;
    private final int[] basePromptIds;
    private final List<TraceSegment> segments = new ArrayList<>();
    private final List<ContextPrefill> prefills = new ArrayList<>();
    private long slmPrefillNanos;
    private long slmDecodeNanos;
    private long llmPrefillNanos;
    private long llmDecodeNanos;
    private long catchUpNanos;
    private long remoteNanos;
    private int slmTokens;
    private int receivedCallTokens;
    private int turn;

    RelayRun(
            Model slm,
            ModelSession slmSession,
            LlmConversation llm,
            String basePrompt,
            RelayOptions options,
            RelayListener listener) {
        this.slm = slm;
        this.slmSession = slmSession;
        this.slmGenerator = slm.newGenerator();
        this.llm = llm;
        this.options = options;
        this.listener = listener;
        this.policyRandom = new SplittableRandom(derivedSeed(options.seed(), -1));
        Route route = options.policy().route(policyRandom);
        this.protocol = new RelayProtocol(basePrompt, options.protocol().withRoute(route));
        this.basePromptIds = slm.encodeContext(basePrompt);
    }

    RelayResult run() {
        long start = System.nanoTime();
        ProtocolStep step = protocol.next();
        while (!(step instanceof Finished)) {
            switch (step) {
                case SlmTurn slmTurn -> slmTurn(slmTurn);
                case LlmCall call -> llmCall(call);
                case Finished finished -> throw new AssertionError("unreachable");
            }
            step = protocol.next();
        }
        ProtocolOutcome outcome = ((Finished) step).outcome();
        String marker = outcome.finalAnswer().substring(protocol.transcript().length());
        if (!marker.isEmpty()) {
            segments.add(new TraceSegment(Author.MARKER, marker, List.of(), outcome.turns(), 0));
            listener.onText(Author.MARKER, marker);
        }
        RelayTimings timings = new RelayTimings(
                System.nanoTime() - start,
                slmPrefillNanos,
                slmDecodeNanos,
                llmPrefillNanos,
                llmDecodeNanos,
                catchUpNanos,
                remoteNanos);
        RelayAccounting accounting = new RelayAccounting(
                1,
                outcome.slmGeneratedTokens(),
                outcome.llmGeneratedTokens(),
                computed(Author.SLM),
                computed(Author.LLM),
                llm.unusedPrefillTokens(),
                outcome.calls(),
                outcome.requestedCallTokens(),
                receivedCallTokens,
                timings);
        return new RelayResult(
                outcome,
                accounting,
                new RelayTrace(protocol.basePrompt(), segments),
                prefills,
                options.policy().name());
    }

    private void slmTurn(SlmTurn step) {
        turn = step.turn();
        int[] context = slm.encodeContext(step.prompt());
        int room = slmSession.maxLength() - context.length;
        if (room < 1) {
            protocol.abort(
                    new TurnOutput("", TurnFinish.LENGTH, 0),
                    EndReason.CONTEXT_LIMIT,
                    Markers.contextLimit("SLM", slmSession.maxLength()));
            return;
        }
        SlmTurnWatcher watcher = new SlmTurnWatcher();
        GenerationResult result = slm.generate(slmGenerator, slmSession, context, slmRequest(step, room), watcher);
        prefills.add(
                new ContextPrefill(Author.SLM, context.length, result.timings().promptTokens(), false));
        slmPrefillNanos += result.timings().promptNanos();
        slmDecodeNanos += result.timings().generationNanos() - watcher.catchUpNanos;
        catchUpNanos += watcher.catchUpNanos;
        String text = result.text();
        segments.add(new TraceSegment(Author.SLM, text, result.ids(), turn, 0));
        int tokens = result.ids().size();
        if (watcher.cancelled) {
            protocol.abort(new TurnOutput(text, TurnFinish.LENGTH, tokens), EndReason.CANCELLED, "");
        } else if (watcher.forced.calls() && result.finishReason() != FinishReason.STOP) {
            handOff(text, tokens, watcher.forced);
        } else {
            TurnFinish finish = result.finishReason() == FinishReason.LENGTH ? TurnFinish.LENGTH : TurnFinish.STOP;
            protocol.slmTurnEnded(new TurnOutput(text, finish, tokens));
        }
    }

    private void handOff(String text, int tokens, ForcedCall forced) {
        if (!forced.writesTag()) {
            protocol.slmTurnInterrupted(new TurnOutput(text, TurnFinish.STOP, tokens), forced.tokens());
            return;
        }
        String tag = CallTags.OPEN + forced.tokens() + CallTags.CLOSE;
        segments.add(new TraceSegment(Author.SCHEDULER, tag, List.of(), turn, 0));
        listener.onText(Author.SCHEDULER, tag);
        protocol.slmTurnEnded(new TurnOutput(text + tag, TurnFinish.STOP, tokens));
    }

    private void llmCall(LlmCall call) {
        int[] context = llmContext(call.prompt());
        GenerationListener forward = new GenerationListener() {
            @Override
            public void onToken(int id, String text) {
                listener.onText(Author.LLM, text);
            }

            @Override
            public boolean isCancelled() {
                return listener.isCancelled();
            }
        };
        SamplingParams sampling = options.llmSampling().withSeed(derivedSeed(options.seed(), 2L * call.call() + 1));
        LlmReply reply = llm.write(
                call.prompt(),
                context,
                call.maxTokens(),
                sampling,
                options.llmProcessor(),
                options.stopAtEos(),
                forward);
        switch (reply) {
            case LlmReply.Written written -> {
                written.prefill().ifPresent(prefills::add);
                llmPrefillNanos += written.prefillNanos();
                llmDecodeNanos += written.decodeNanos();
                remoteNanos += written.remoteNanos();
                receivedCallTokens += written.tokens();
                segments.add(new TraceSegment(Author.LLM, written.text(), written.ids(), turn, call.call()));
                TurnOutput output = new TurnOutput(written.text(), written.finish(), written.tokens());
                if (written.cancelled()) {
                    protocol.abort(output, EndReason.CANCELLED, "");
                } else {
                    protocol.llmTurnEnded(output);
                }
            }
            case LlmReply.Failed failed -> {
                remoteNanos += failed.remoteNanos();
                protocol.llmFailed(failed.reason());
            }
            case LlmReply.ContextFull full ->
                protocol.abort(
                        new TurnOutput("", TurnFinish.LENGTH, 0),
                        EndReason.CONTEXT_LIMIT,
                        Markers.contextLimit("LLM", full.limit()));
        }
    }

    /** The LLM's context for a call whose text prompt is {@code prompt}. */
    private int[] llmContext(String prompt) {
        return switch (options.splice()) {
            case TEXT -> slm.encodeContext(prompt);
            case TOKEN -> TokenSplice.context(basePromptIds, segments, slm.tokenizer());
        };
    }

    /**
     * The context a call would have now, in the middle of an SLM turn, less its last token (which the
     * SLM's next tokens may still merge with): what eager catch-up prefills.
     */
    private int[] llmContextSoFar(String partialText, List<Integer> partialIds) {
        int[] context = switch (options.splice()) {
            case TEXT ->
                slm.encodeContext(protocol.basePrompt() + CallTags.llmBody(protocol.transcript() + partialText));
            case TOKEN -> {
                List<TraceSegment> withPartial = new ArrayList<>(segments);
                withPartial.add(new TraceSegment(Author.SLM, partialText, partialIds, turn, 0));
                yield TokenSplice.context(basePromptIds, withPartial, slm.tokenizer());
            }
        };
        return Arrays.copyOf(context, Math.max(0, context.length - 1));
    }

    private GenerationRequest slmRequest(SlmTurn step, int room) {
        SamplingParams sampling = options.slmSampling().withSeed(derivedSeed(options.seed(), 2L * step.turn()));
        List<String> stops = protocol.callsEnabled() ? List.of(CallTags.CLOSE) : List.of();
        return GenerationRequest.greedy(Math.min(step.maxTokens(), room))
                .withSampling(sampling)
                .withStopAtEos(options.stopAtEos())
                .withStopStrings(stops, true)
                .withLogitProcessor(options.slmProcessor());
    }

    private long computed(Author model) {
        return prefills.stream()
                .filter(p -> p.model() == model)
                .mapToLong(ContextPrefill::computedTokens)
                .sum();
    }

    private static long derivedSeed(long seed, long stream) {
        return new SplittableRandom(seed ^ (stream * 0x9E3779B97F4A7C15L)).nextLong();
    }

    /**
     * Watches an SLM turn token by token: streams its text, asks the call policy after every token,
     * runs eager catch-up between tokens, and ends the turn (through the generator's cancellation)
     * when a policy calls or the caller cancels.
     */
    private final class SlmTurnWatcher implements GenerationListener {
        private final StringBuilder text = new StringBuilder();
        private final List<Integer> ids = new ArrayList<>();
        private ForcedCall forced = ForcedCall.NONE;
        private boolean cancelled;
        private long catchUpNanos;

        @Override
        public void onToken(int id, String piece) {
            listener.onText(Author.SLM, piece);
            text.append(piece);
            if (id < 0) {
                return;
            }
            ids.add(id);
            slmTokens++;
            if (!forced.calls()) {
                forced = options.policy().afterSlmToken(slmTokens, policyRandom);
            }
            if (options.catchUp() instanceof CatchUpPolicy.Eager eager && ids.size() % eager.chunkTokens() == 0) {
                long start = System.nanoTime();
                llm.catchUp(llmContextSoFar(text.toString(), ids)).ifPresent(prefills::add);
                catchUpNanos += System.nanoTime() - start;
            }
        }

        @Override
        public boolean isCancelled() {
            cancelled = cancelled || listener.isCancelled();
            return cancelled || forced.calls();
        }
    }
}
