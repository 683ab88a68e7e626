package io.github.relayllm.core.relay;

import io.github.relayllm.core.relay.protocol.ProtocolOutcome;
import java.util.List;
import java.util.Objects;

/**
 * A finished relay request.
 *
 * @param outcome the protocol's result: final answer, status, turns, calls, token counters
 * @param accounting what it cost
 * @param trace who wrote every token
 * @param prefills every context each model was brought up to, in order
 * @param policy the policy's name
 */
public record RelayResult(
        ProtocolOutcome outcome,
        RelayAccounting accounting,
        RelayTrace trace,
        List<ContextPrefill> prefills,
        String policy) {

    public RelayResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(accounting, "accounting");
        Objects.requireNonNull(trace, "trace");
        prefills = List.copyOf(prefills);
        Objects.requireNonNull(policy, "policy");
    }

    public String finalAnswer() {
        return outcome.finalAnswer();
    }
}
