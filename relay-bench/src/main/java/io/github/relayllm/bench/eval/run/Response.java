package io.github.relayllm.bench.eval.run;

import io.github.relayllm.core.relay.RelayAccounting;
import io.github.relayllm.core.relay.RelayResult;
import io.github.relayllm.core.relay.protocol.ProtocolOutcome;
import io.github.relayllm.core.relay.protocol.RelayStatus;
import java.util.Locale;
import java.util.Objects;

/**
 * A responder's answer to one sample with what it cost, under the names of {@code relay run --json}.
 * Counters are non-negative; a scripted answer has all of them zero.
 *
 * @param text the whole response, from which the answer is extracted
 * @param status whether the request finished
 * @param callRatio the share of generated tokens the LLM wrote, in [0, 1]
 */
public record Response(
        String text,
        Status status,
        int turns,
        int calls,
        long generatedTokens,
        long slmGeneratedTokens,
        long llmGeneratedTokens,
        long slmPrefillTokens,
        long llmPrefillTokens,
        double callRatio) {

    /** How a request ended: {@code finished} (the relay's {@code done}) or {@code failed}. */
    public enum Status {
        FINISHED,
        FAILED;

        /** The word in the result file. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Response {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(status, "status");
        if (turns < 0
                || calls < 0
                || generatedTokens < 0
                || slmGeneratedTokens < 0
                || llmGeneratedTokens < 0
                || slmPrefillTokens < 0
                || llmPrefillTokens < 0) {
            throw new IllegalArgumentException("counters must be >= 0");
        }
        if (!(callRatio >= 0 && callRatio <= 1)) {
            throw new IllegalArgumentException("callRatio must be in [0, 1]: " + callRatio);
        }
    }

    /** A finished answer that cost nothing. */
    public static Response scripted(String text) {
        return new Response(text, Status.FINISHED, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** A relay request's answer: the outcome's counters and the accounting's prefill and call ratio. */
    public static Response of(RelayResult result) {
        ProtocolOutcome outcome = result.outcome();
        RelayAccounting accounting = result.accounting();
        return new Response(
                outcome.finalAnswer(),
                outcome.status() == RelayStatus.DONE ? Status.FINISHED : Status.FAILED,
                outcome.turns(),
                outcome.calls(),
                outcome.generatedTokens(),
                outcome.slmGeneratedTokens(),
                outcome.llmGeneratedTokens(),
                accounting.slmPrefillTokens(),
                accounting.llmPrefillTokens(),
                accounting.callRatio());
    }
}
