package io.github.relayllm.bench.eval.report;

import java.util.Optional;

/**
 * The counters of one finished request, as the evaluation runner writes them on one JSON line; only
 * the fields the report needs (the response and answers are not kept).
 *
 * <p>Invariants: every counter is non-negative; {@code judgeCorrect} is empty when no judge ran for
 * this request. {@code correct} (strict extraction) and {@code correctReference} (the reference
 * implementation's extraction) are independent gradings of the same response.
 */
public record RunRecord(
        boolean correct,
        boolean correctReference,
        Optional<Boolean> judgeCorrect,
        long calls,
        long generatedTokens,
        long slmGeneratedTokens,
        long llmGeneratedTokens,
        long slmPrefillTokens,
        long llmPrefillTokens,
        double wallMs) {

    public RunRecord {
        if (calls < 0
                || generatedTokens < 0
                || slmGeneratedTokens < 0
                || llmGeneratedTokens < 0
                || slmPrefillTokens < 0
                || llmPrefillTokens < 0
                || !(wallMs >= 0)) {
            throw new IllegalArgumentException("negative counter in " + this);
        }
    }

    /** Right under the judge's reading: the rule-based grade, or the judge turning a wrong answer right. */
    public boolean judgedCorrect() {
        return correct || judgeCorrect.orElse(false);
    }
}
