package io.github.relayllm.core.relay.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.relayllm.core.relay.protocol.ProtocolStep.Finished;
import io.github.relayllm.core.relay.protocol.ProtocolStep.LlmCall;
import io.github.relayllm.core.relay.protocol.ProtocolStep.SlmTurn;
import io.github.relayllm.core.relay.protocol.ScriptedRun.Exchange;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The protocol's invariants on random scripted requests (see {@link TranscriptArbitraries}): any
 * texts, finishes and token counts the models may report, any options. The prompts, budgets, counters
 * and the answer are checked against what the test itself knows from its reports, and the call syntax
 * against {@link CallTagOracle}, an independent char-by-char reading of the reference's regexes.
 */
class RelayProtocolPropertiesTest {

    @Provide
    Arbitrary<ScriptedRequest> requests() {
        return TranscriptArbitraries.requests();
    }

    @Provide
    Arbitrary<ScriptedRequest> slmOnlyRequests() {
        return TranscriptArbitraries.requests(Route.SLM_ONLY);
    }

    @Provide
    Arbitrary<ScriptedRequest> llmOnlyRequests() {
        return TranscriptArbitraries.requests(Route.LLM_ONLY);
    }

    @Provide
    Arbitrary<String> texts() {
        return TranscriptArbitraries.texts();
    }

    @Property
    void requestedTokensReadTheFirstCallThatDigitsFollow(@ForAll("texts") String text) {
        assertThat(CallTags.requestedTokens(text)).isEqualTo(CallTagOracle.requestedTokens(text));
    }

    @Property
    void theLlmBodyRemovesEachCompleteTagInOnePassAndStrips(@ForAll("texts") String text) {
        assertThat(CallTags.llmBody(text)).isEqualTo(CallTagOracle.llmBody(text));
        assertThat(CallTags.containsCompleteTag(text)).isEqualTo(CallTagOracle.containsCompleteTag(text));
    }

    @Property
    void slmPromptsAreTheBasePromptAndTheWholeTranscript(@ForAll("requests") ScriptedRequest request) {
        for (Exchange e : ScriptedRun.of(request).exchanges()) {
            if (e.step() instanceof SlmTurn turn) {
                assertThat(turn.prompt()).isEqualTo(request.basePrompt() + e.transcriptBefore());
            }
        }
    }

    @Property
    void llmPromptsAreTheBasePromptAndTheTranscriptWithItsTagsRemoved(@ForAll("requests") ScriptedRequest request) {
        for (Exchange e : ScriptedRun.of(request).exchanges()) {
            if (e.step() instanceof LlmCall call) {
                assertThat(call.prompt()).startsWith(request.basePrompt());
                assertThat(call.prompt().substring(request.basePrompt().length()))
                        .isEqualTo(CallTagOracle.llmBody(e.transcriptBefore()));
            }
        }
    }

    /**
     * The LLM never sees a complete call tag after the base prompt, except where the reference's
     * single pass closes one around a removed tag (pinned in {@link RelayProtocolEdgeCasesTest}).
     */
    @Property
    void llmPromptsHoldNoCompleteCallTagUnlessTheTranscriptNestsThem(@ForAll("requests") ScriptedRequest request) {
        for (Exchange e : ScriptedRun.of(request).exchanges()) {
            if (e.step() instanceof LlmCall call && !CallTagOracle.opensInsideAnOpenTag(e.transcriptBefore())) {
                String body = call.prompt().substring(request.basePrompt().length());
                assertThat(CallTagOracle.containsCompleteTag(body)).as(body).isFalse();
            }
        }
    }

    @Property
    void theGlobalBudgetIsNeverExceeded(@ForAll("requests") ScriptedRequest request) {
        ScriptedRun run = ScriptedRun.of(request);
        int budget = request.options().globalMaxTokens();
        for (Exchange e : run.exchanges()) {
            assertThat(maxTokens(e.step())).isBetween(1, budget - e.tokensBefore());
        }
        int spent = run.exchanges().stream().mapToInt(Exchange::reportedTokens).sum();
        assertThat(run.outcome().generatedTokens()).isEqualTo(spent).isLessThanOrEqualTo(budget);
    }

    @Property
    void slmTurnsAreNumberedOneTwoThree(@ForAll("requests") ScriptedRequest request) {
        ScriptedRun run = ScriptedRun.of(request);
        List<Integer> numbers = run.slmTurns().stream().map(SlmTurn::turn).toList();
        assertThat(numbers)
                .isEqualTo(IntStream.rangeClosed(1, numbers.size()).boxed().toList());
        assertThat(run.outcome().turns()).isEqualTo(numbers.size());
    }

    @Property
    void turnsThatCountNeverExceedMaxTurns(@ForAll("requests") ScriptedRequest request) {
        ScriptedRun run = ScriptedRun.of(request);
        assertThat(run.outcome().turns() - run.freeZeroCalls())
                .isLessThanOrEqualTo(request.options().maxTurns());
    }

    @Property
    void aZeroCallThatUsesNoTurnNeverEndsTheRequestAtTheTurnLimit(@ForAll("requests") ScriptedRequest request) {
        ScriptedRun run = ScriptedRun.of(request);
        int last = run.exchanges().size() - 1;
        if (!request.options().zeroCallCountsAsTurn()
                && run.outcome().end() == EndReason.TURN_LIMIT
                && run.exchanges().get(last).report() == ScriptedRun.Report.TURN_ENDED) {
            assertThat(run.slmCall(last)).isNotZero();
        }
    }

    @Property
    void onlyTheAwaitedModelMayReport(@ForAll("requests") ScriptedRequest request) {
        TurnOutput nothing = new TurnOutput("", TurnFinish.STOP, 0);
        ScriptedRun.of(request, protocol -> {
            ProtocolStep awaited = protocol.next();
            String transcript = protocol.transcript();
            if (!(awaited instanceof SlmTurn)) {
                assertThatThrownBy(() -> protocol.slmTurnEnded(nothing)).isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(() -> protocol.slmTurnInterrupted(nothing, 1))
                        .isInstanceOf(IllegalStateException.class);
            }
            if (!(awaited instanceof LlmCall)) {
                assertThatThrownBy(() -> protocol.llmTurnEnded(nothing)).isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(() -> protocol.llmFailed("down")).isInstanceOf(IllegalStateException.class);
            }
            assertThat(protocol.next()).isSameAs(awaited);
            assertThat(protocol.transcript()).isEqualTo(transcript);
        });
    }

    @Property
    void policyCallsOutsideARelayAreRefused(@ForAll("requests") ScriptedRequest request) {
        ScriptedRun.of(request, protocol -> {
            if (protocol.next() instanceof SlmTurn && !protocol.callsEnabled()) {
                assertThatThrownBy(() -> protocol.slmTurnInterrupted(new TurnOutput("", TurnFinish.STOP, 0), 1))
                        .isInstanceOf(IllegalStateException.class);
            }
        });
    }

    /**
     * A call the SLM makes is answered by an LLM step asking for its N, answered by zero tokens
     * (teacher-free: the SLM resumes at once), or refused because the turns or the budget are spent.
     */
    @Property
    void everyCallIsAnsweredOrTheRequestEnds(@ForAll("requests") ScriptedRequest request) {
        ScriptedRun run = ScriptedRun.of(request);
        boolean teacherFree = request.options().serving() == CallServing.TEACHER_FREE;
        int teacherFreeCalls = 0;
        for (int i = 0; i < run.exchanges().size(); i++) {
            long requested = run.slmCall(i);
            if (requested <= 0) {
                continue;
            }
            switch (run.stepAfter(i)) {
                case LlmCall call -> {
                    assertThat(teacherFree).isFalse();
                    assertThat(call.requestedTokens()).isEqualTo(requested);
                }
                case SlmTurn turn -> {
                    assertThat(teacherFree).isTrue();
                    teacherFreeCalls++;
                }
                case Finished finished ->
                    assertThat(finished.outcome().end()).isIn(EndReason.TURN_LIMIT, EndReason.BUDGET_AT_CALL);
            }
        }
        List<LlmCall> calls = run.llmCalls();
        assertThat(calls).hasSize(run.outcome().calls() - teacherFreeCalls);
        assertThat(calls.stream().map(LlmCall::call).toList())
                .isEqualTo(IntStream.rangeClosed(1, calls.size()).boxed().toList());
    }

    @Property
    void theAnswerIsTheReportedTextsAndTheMarkerOfItsEnd(@ForAll("requests") ScriptedRequest request) {
        ScriptedRun run = ScriptedRun.of(request);
        ProtocolOutcome outcome = run.outcome();
        assertThat(outcome.finalAnswer()).isEqualTo(run.transcript() + marker(run));
        assertThat(outcome.status() == RelayStatus.FAILED)
                .isEqualTo(outcome.end() == EndReason.BAD_CALL_TAG || outcome.end() == EndReason.LLM_ERROR);
    }

    @Property
    void everyRequestEndsWithinItsTurnsOrItsBudget(@ForAll("requests") ScriptedRequest request) {
        ScriptedRun run = ScriptedRun.of(request);
        ProtocolOptions options = request.options();
        int slmSteps = run.slmTurns().size();
        int llmSteps = run.llmCalls().size();
        // A zero call that uses no turn still costs a token: the budget bounds them.
        assertThat(run.freeZeroCalls()).isLessThanOrEqualTo(options.globalMaxTokens());
        assertThat(slmSteps).isLessThanOrEqualTo(options.maxTurns() + run.freeZeroCalls());
        if (options.route() == Route.LLM_ONLY) {
            assertThat(llmSteps).isLessThanOrEqualTo(options.globalMaxTokens());
        } else {
            assertThat(llmSteps).isLessThanOrEqualTo(slmSteps);
        }
    }

    @Property
    void llmCallsGetNoMoreThanTheCapAndTheServingAllow(@ForAll("requests") ScriptedRequest request) {
        ProtocolOptions options = request.options();
        for (Exchange e : ScriptedRun.of(request).exchanges()) {
            if (!(e.step() instanceof LlmCall call)) {
                continue;
            }
            int remaining = options.globalMaxTokens() - e.tokensBefore();
            if (options.route() == Route.LLM_ONLY) {
                // No call asks for the LLM-only answer: it gets the whole budget left.
                assertThat(call.maxTokens()).isEqualTo(remaining);
                continue;
            }
            long served = options.serving().tokensFor(call.requestedTokens());
            assertThat((long) call.maxTokens())
                    .isLessThanOrEqualTo(options.maxCallTokens())
                    .isLessThanOrEqualTo(served)
                    .isEqualTo(Math.min(Math.min(served, options.maxCallTokens()), remaining));
            if (options.serving() instanceof CallServing.FixedLength(int tokens)) {
                assertThat(call.maxTokens()).isLessThanOrEqualTo(tokens);
            }
        }
    }

    @Property
    void slmOnlyNeverCallsTheLlm(@ForAll("slmOnlyRequests") ScriptedRequest request) {
        ScriptedRun run = ScriptedRun.of(request);
        assertThat(run.llmCalls()).isEmpty();
        assertThat(run.outcome().calls()).isZero();
        assertThat(run.outcome().llmGeneratedTokens()).isZero();
    }

    @Property
    void llmOnlyNeverRunsTheSlm(@ForAll("llmOnlyRequests") ScriptedRequest request) {
        ScriptedRun run = ScriptedRun.of(request);
        assertThat(run.slmTurns()).isEmpty();
        assertThat(run.outcome().turns()).isZero();
        assertThat(run.outcome().slmGeneratedTokens()).isZero();
    }

    private static int maxTokens(ProtocolStep step) {
        return switch (step) {
            case SlmTurn turn -> turn.maxTokens();
            case LlmCall call -> call.maxTokens();
            case Finished finished -> throw new AssertionError("a finished request asks for nothing");
        };
    }

    /** The marker each end appends, from the reference's table (DESIGN.md §5). */
    private static String marker(ScriptedRun run) {
        return switch (run.outcome().end()) {
            case SLM_FINISHED, LLM_FINISHED, TURN_LIMIT -> "";
            case BUDGET_BEFORE_TURN -> Markers.globalBudgetSpent(run.options().globalMaxTokens());
            case BUDGET_AT_CALL -> Markers.LIMIT_AT_CALL;
            case BUDGET_AFTER_CALL -> Markers.LIMIT_AFTER_CALL;
            case BAD_CALL_TAG -> Markers.BAD_CALL_TAG;
            case LLM_ERROR -> Markers.llmError(run.exchanges().getLast().turn().text());
            case CONTEXT_LIMIT, CANCELLED -> throw new AssertionError("scripted runs are never aborted by an engine");
        };
    }
}
