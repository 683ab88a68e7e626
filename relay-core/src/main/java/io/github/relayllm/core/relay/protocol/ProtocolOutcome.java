package io.github.relayllm.core.relay.protocol;

import java.util.Objects;

/**
 * A finished request, with the counters the golden scenarios and DESIGN.md §8 name.
 *
 * @param finalAnswer the transcript with the reference's marker, if any
 * @param status done or failed
 * @param end what ended it
 * @param turns SLM turns run (zero calls that use up no turn included)
 * @param calls LLM calls made (a teacher-free call counts, a call refused for budget does not)
 * @param slmGeneratedTokens tokens the SLM wrote
 * @param llmGeneratedTokens tokens the LLM wrote
 * @param requestedCallTokens the sum of the N of the calls made (saturating)
 */
public record ProtocolOutcome(
        String finalAnswer,
        RelayStatus status,
        EndReason end,
        int turns,
        int calls,
        int slmGeneratedTokens,
        int llmGeneratedTokens,
        long requestedCallTokens) {

    public ProtocolOutcome {
        Objects.requireNonNull(finalAnswer, "finalAnswer");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(end, "end");
    }

    /** SLM and LLM tokens together: what the budget meters. */
    public int generatedTokens() {
        return slmGeneratedTokens + llmGeneratedTokens;
    }
}
