package io.github.relayllm.core.relay.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.relayllm.core.relay.protocol.ProtocolStep.Finished;
import io.github.relayllm.core.relay.protocol.ProtocolStep.LlmCall;
import io.github.relayllm.core.relay.protocol.ProtocolStep.SlmTurn;
import org.junit.jupiter.api.Test;

/**
 * The corners {@link RelayProtocolPropertiesTest} found, one request each: the four it showed
 * wrong (now fixed) and the two blind spots of the reference that are kept for fidelity.
 */
class RelayProtocolEdgeCasesTest {
    private static final ProtocolOptions ZERO_CALLS_ARE_FREE =
            ProtocolOptions.reference().withZeroCallCountsAsTurn(false);

    @Test
    void zeroCallsThatUseNoTurnAreStillNumberedAndCountedAsTurns() {
        RelayProtocol protocol = new RelayProtocol("Q", ZERO_CALLS_ARE_FREE.withMaxTurns(2));
        assertThat(slmTurn(protocol).turn()).isEqualTo(1);
        protocol.slmTurnEnded(new TurnOutput("a <call>0</call>", TurnFinish.STOP, 5));
        assertThat(slmTurn(protocol).turn()).isEqualTo(2);
        protocol.slmTurnEnded(new TurnOutput(" b", TurnFinish.LENGTH, 1));
        assertThat(slmTurn(protocol).turn()).isEqualTo(3);
        protocol.slmTurnEnded(new TurnOutput(" c", TurnFinish.LENGTH, 1));

        ProtocolOutcome outcome = outcome(protocol);
        assertThat(outcome.end()).isEqualTo(EndReason.TURN_LIMIT);
        assertThat(outcome.turns()).isEqualTo(3);
    }

    @Test
    void aZeroCallOnTheLastTurnThatCountsLetsTheSlmGoOnWhenItUsesNoTurn() {
        RelayProtocol protocol = new RelayProtocol("Q", ZERO_CALLS_ARE_FREE.withMaxTurns(1));
        protocol.slmTurnEnded(new TurnOutput("<call>0</call>", TurnFinish.STOP, 4));
        assertThat(slmTurn(protocol).turn()).isEqualTo(2);
        protocol.slmTurnEnded(new TurnOutput(" done", TurnFinish.STOP, 1));

        assertThat(outcome(protocol).end()).isEqualTo(EndReason.SLM_FINISHED);
    }

    @Test
    void aPolicysZeroCallAlwaysUsesATurnSinceItMayCostNoToken() {
        RelayProtocol protocol = new RelayProtocol("Q", ZERO_CALLS_ARE_FREE.withMaxTurns(2));
        protocol.slmTurnInterrupted(new TurnOutput("", TurnFinish.LENGTH, 0), 0);
        protocol.slmTurnInterrupted(new TurnOutput("", TurnFinish.LENGTH, 0), 0);

        assertThat(outcome(protocol).end()).isEqualTo(EndReason.TURN_LIMIT);
    }

    @Test
    void anLlmOnlyAnswerEndsWhenTheLlmStopsAtALimitWithoutAToken() {
        RelayProtocol protocol =
                new RelayProtocol("Q", ProtocolOptions.reference().withRoute(Route.LLM_ONLY));
        protocol.llmTurnEnded(new TurnOutput("partial", TurnFinish.LENGTH, 7));
        assertThat(protocol.next()).isInstanceOf(LlmCall.class);
        protocol.llmTurnEnded(new TurnOutput("", TurnFinish.LENGTH, 0));

        ProtocolOutcome outcome = outcome(protocol);
        assertThat(outcome.end()).isEqualTo(EndReason.LLM_FINISHED);
        assertThat(outcome.finalAnswer()).isEqualTo("partial");
        assertThat(outcome.calls()).isEqualTo(2);
    }

    @Test
    void aPolicyCallOutsideARelayIsRefused() {
        RelayProtocol protocol =
                new RelayProtocol("Q", ProtocolOptions.reference().withRoute(Route.SLM_ONLY));
        assertThatThrownBy(() -> protocol.slmTurnInterrupted(new TurnOutput("a", TurnFinish.LENGTH, 1), 5))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SLM_ONLY");
        assertThat(slmTurn(protocol).turn()).isEqualTo(1);
    }

    /** Python's {@code re.sub} makes one pass: removing the inner tag closes the outer one. */
    @Test
    void theLlmSeesATagClosedAroundARemovedOneAsTheReferenceShowsIt() {
        RelayProtocol protocol = new RelayProtocol("Q ", ProtocolOptions.reference());
        protocol.slmTurnEnded(new TurnOutput("<call>1<call>2</call>", TurnFinish.STOP, 5));
        assertThat(llmCall(protocol).prompt()).isEqualTo("Q <call>1");
        protocol.llmTurnEnded(new TurnOutput("</call>", TurnFinish.LENGTH, 1));
        protocol.slmTurnEnded(new TurnOutput("<call>3</call>", TurnFinish.STOP, 3));

        assertThat(llmCall(protocol).prompt()).isEqualTo("Q <call>1 </call>");
    }

    /** The reference never touches the prompt, so the transcript can complete a tag it begins. */
    @Test
    void theLlmSeesATagThatTheBasePromptBeginsAndTheTranscriptEnds() {
        RelayProtocol protocol = new RelayProtocol("Q <call", ProtocolOptions.reference());
        protocol.slmTurnEnded(new TurnOutput(">5</call> so <call>3</call>", TurnFinish.STOP, 9));

        String prompt = llmCall(protocol).prompt();
        assertThat(prompt).isEqualTo("Q <call>5</call> so");
        assertThat(CallTags.containsCompleteTag(prompt)).isTrue();
    }

    private static SlmTurn slmTurn(RelayProtocol protocol) {
        return (SlmTurn) protocol.next();
    }

    private static LlmCall llmCall(RelayProtocol protocol) {
        return (LlmCall) protocol.next();
    }

    private static ProtocolOutcome outcome(RelayProtocol protocol) {
        return ((Finished) protocol.next()).outcome();
    }
}
