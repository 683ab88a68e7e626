package io.github.relayllm.core.relay.protocol;

import java.util.Objects;

/**
 * The protocol's knobs. {@link #reference()} is the official loop; everything else is an option
 * beyond it, named as such.
 *
 * @param globalMaxTokens tokens the SLM and the LLM may generate together (reference: 8192)
 * @param maxTurns SLM turns at most; a call written on the last one is not served (reference: 5)
 * @param zeroCallCountsAsTurn whether a turn ending in {@code <call>0</call>} uses up one of the
 *     {@code maxTurns} (reference: yes); when it does not, even a zero call on the last turn that
 *     counts lets the SLM go on, and only the budget bounds such turns (a call policy's zero call,
 *     which may cost no token, always uses up a turn)
 * @param maxCallTokens a cap on N beyond the budget's (reference: none, {@link Integer#MAX_VALUE})
 * @param serving how many tokens a call gets (reference: N)
 * @param route which model writes (reference: the relay)
 */
public record ProtocolOptions(
        int globalMaxTokens,
        int maxTurns,
        boolean zeroCallCountsAsTurn,
        int maxCallTokens,
        CallServing serving,
        Route route) {

    /** The reference's budget of generated tokens. */
    public static final int REFERENCE_GLOBAL_MAX_TOKENS = 8192;
    /** The reference's SLM turns. */
    public static final int REFERENCE_MAX_TURNS = 5;

    public ProtocolOptions {
        if (globalMaxTokens < 1) {
            throw new IllegalArgumentException("the global token budget must be at least 1, not " + globalMaxTokens);
        }
        if (maxTurns < 1) {
            throw new IllegalArgumentException("at least one SLM turn is needed, not " + maxTurns);
        }
        if (maxCallTokens < 1) {
            throw new IllegalArgumentException("the cap on N must be at least 1, not " + maxCallTokens);
        }
        Objects.requireNonNull(serving, "serving");
        Objects.requireNonNull(route, "route");
    }

    /** The official evaluation loop. */
    public static ProtocolOptions reference() {
        return new ProtocolOptions(
                REFERENCE_GLOBAL_MAX_TOKENS,
                REFERENCE_MAX_TURNS,
                true,
                Integer.MAX_VALUE,
                CallServing.AS_REQUESTED,
                Route.RELAY);
    }

    public ProtocolOptions withGlobalMaxTokens(int value) {
        return new ProtocolOptions(value, maxTurns, zeroCallCountsAsTurn, maxCallTokens, serving, route);
    }

    public ProtocolOptions withMaxTurns(int value) {
        return new ProtocolOptions(globalMaxTokens, value, zeroCallCountsAsTurn, maxCallTokens, serving, route);
    }

    public ProtocolOptions withZeroCallCountsAsTurn(boolean value) {
        return new ProtocolOptions(globalMaxTokens, maxTurns, value, maxCallTokens, serving, route);
    }

    public ProtocolOptions withMaxCallTokens(int value) {
        return new ProtocolOptions(globalMaxTokens, maxTurns, zeroCallCountsAsTurn, value, serving, route);
    }

    public ProtocolOptions withServing(CallServing value) {
        return new ProtocolOptions(globalMaxTokens, maxTurns, zeroCallCountsAsTurn, maxCallTokens, value, route);
    }

    public ProtocolOptions withRoute(Route value) {
        return new ProtocolOptions(globalMaxTokens, maxTurns, zeroCallCountsAsTurn, maxCallTokens, serving, value);
    }
}
