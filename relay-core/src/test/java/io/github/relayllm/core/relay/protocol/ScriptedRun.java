package io.github.relayllm.core.relay.protocol;

import io.github.relayllm.core.relay.protocol.ProtocolStep.Finished;
import io.github.relayllm.core.relay.protocol.ProtocolStep.LlmCall;
import io.github.relayllm.core.relay.protocol.ProtocolStep.SlmTurn;
import io.github.relayllm.core.relay.protocol.ScriptedRequest.ScriptedTurn;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A scripted request run to its end, every step kept with what the test itself knew before it (the
 * transcript and the tokens spent, summed from the reports, not asked of the protocol).
 *
 * @param request the script
 * @param exchanges every step the protocol asked for and what was reported, in order
 * @param outcome how it ended
 */
record ScriptedRun(ScriptedRequest request, List<Exchange> exchanges, ProtocolOutcome outcome) {

    /** How a step was reported. */
    enum Report {
        /** {@code slmTurnEnded} or {@code llmTurnEnded}. */
        TURN_ENDED,
        /** {@code slmTurnInterrupted}: a call policy's call. */
        INTERRUPTED,
        /** {@code llmFailed}. */
        FAILED
    }

    /**
     * One step and its report.
     *
     * @param transcriptBefore every reported text before this step, joined
     * @param tokensBefore every reported token before this step
     */
    record Exchange(
            ProtocolStep step,
            String transcriptBefore,
            int tokensBefore,
            ScriptedTurn turn,
            TurnOutput output,
            Report report) {

        /** The text this report adds to the answer (a failure adds none: its message is a marker). */
        String reportedText() {
            return report == Report.FAILED ? "" : output.text();
        }

        int reportedTokens() {
            return report == Report.FAILED ? 0 : output.tokens();
        }
    }

    static ScriptedRun of(ScriptedRequest request) {
        return of(request, protocol -> {});
    }

    /**
     * Runs {@code request}, calling {@code beforeEachReport} each time a step waits for its report
     * and once more when the request is finished. SLM turns the script marks abnormal are interrupted by a policy's call where calls are enabled,
     * as a scheduler would; LLM answers marked abnormal fail.
     *
     * @throws AssertionError if the request runs past {@link ScriptedRequest#stepLimit()}
     */
    static ScriptedRun of(ScriptedRequest request, Consumer<RelayProtocol> beforeEachReport) {
        RelayProtocol protocol = new RelayProtocol(request.basePrompt(), request.options());
        List<Exchange> exchanges = new ArrayList<>();
        StringBuilder transcript = new StringBuilder();
        int tokens = 0;
        int slmTurns = 0;
        int llmTurns = 0;
        for (ProtocolStep step = protocol.next(); !(step instanceof Finished); step = protocol.next()) {
            if (exchanges.size() == request.stepLimit()) {
                throw new AssertionError("no end after %d steps".formatted(exchanges.size()));
            }
            beforeEachReport.accept(protocol);
            Exchange exchange = switch (step) {
                case SlmTurn turn -> {
                    ScriptedTurn script =
                            request.slm().get(slmTurns++ % request.slm().size());
                    TurnOutput output = script.output(turn.maxTokens());
                    if (script.abnormal() && protocol.callsEnabled()) {
                        protocol.slmTurnInterrupted(output, script.policyCall());
                        yield new Exchange(step, transcript.toString(), tokens, script, output, Report.INTERRUPTED);
                    }
                    protocol.slmTurnEnded(output);
                    yield new Exchange(step, transcript.toString(), tokens, script, output, Report.TURN_ENDED);
                }
                case LlmCall call -> {
                    ScriptedTurn script =
                            request.llm().get(llmTurns++ % request.llm().size());
                    TurnOutput output = script.output(call.maxTokens());
                    if (script.abnormal()) {
                        protocol.llmFailed(script.text());
                        yield new Exchange(step, transcript.toString(), tokens, script, output, Report.FAILED);
                    }
                    protocol.llmTurnEnded(output);
                    yield new Exchange(step, transcript.toString(), tokens, script, output, Report.TURN_ENDED);
                }
                case Finished finished -> throw new AssertionError("unreachable");
            };
            exchanges.add(exchange);
            transcript.append(exchange.reportedText());
            tokens += exchange.reportedTokens();
        }
        beforeEachReport.accept(protocol);
        return new ScriptedRun(request, exchanges, ((Finished) protocol.next()).outcome());
    }

    ProtocolOptions options() {
        return request.options();
    }

    /** The step that followed exchange {@code index}: the next exchange's, or the end. */
    ProtocolStep stepAfter(int index) {
        return index + 1 < exchanges.size() ? exchanges.get(index + 1).step() : new Finished(outcome);
    }

    /** Every reported text, joined. */
    String transcript() {
        StringBuilder text = new StringBuilder();
        exchanges.forEach(e -> text.append(e.reportedText()));
        return text.toString();
    }

    List<SlmTurn> slmTurns() {
        return exchanges.stream()
                .map(Exchange::step)
                .filter(SlmTurn.class::isInstance)
                .map(SlmTurn.class::cast)
                .toList();
    }

    List<LlmCall> llmCalls() {
        return exchanges.stream()
                .map(Exchange::step)
                .filter(LlmCall.class::isInstance)
                .map(LlmCall.class::cast)
                .toList();
    }

    /**
     * The N the SLM's report at {@code index} asks for, read by the oracle: a policy's N, or the
     * first {@code <call>N} of a relay turn's text that calls; -1 for a turn that does not call.
     */
    long slmCall(int index) {
        Exchange exchange = exchanges.get(index);
        if (!(exchange.step() instanceof SlmTurn)) {
            return -1;
        }
        if (exchange.report() == Report.INTERRUPTED) {
            return exchange.turn().policyCall();
        }
        String text = exchange.output().text();
        if (options().route() != Route.RELAY || !text.contains(CallTags.OPEN)) {
            return -1;
        }
        return CallTagOracle.requestedTokens(text).orElse(-1);
    }

    /** SLM turns that wrote a zero call and (by the options) used up no turn; a policy's never do. */
    int freeZeroCalls() {
        if (options().zeroCallCountsAsTurn()) {
            return 0;
        }
        int free = 0;
        for (int i = 0; i < exchanges.size(); i++) {
            if (slmCall(i) == 0 && exchanges.get(i).report() == Report.TURN_ENDED) {
                free++;
            }
        }
        return free;
    }
}
