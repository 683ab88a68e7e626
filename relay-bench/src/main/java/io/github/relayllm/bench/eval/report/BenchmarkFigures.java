package io.github.relayllm.bench.eval.report;

import java.util.List;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * The figures of one policy on one benchmark, or their average over benchmarks. Fractions, not
 * percentages: accuracies and the call ratio lie in [0, 1].
 *
 * <p>For one benchmark: accuracies are means over all requests, repeats included (so AIME's 32
 * samples per problem average per problem); {@code callRatio} is the micro-average
 * sum(LLM-generated tokens) / sum(generated tokens), the paper's "% of generated tokens written by
 * the LLM" (0 when nothing was generated); calls and token counts are means per request;
 * {@code wallMsTotal} sums and {@code wallMsMean} averages the requests' wall times. {@code judgeAccuracy}
 * counts a request right when it is {@code correct} or the judge said so, and is present only when a
 * judge ran on at least one request; it never changes {@code accuracy}.
 *
 * <p>The average ({@link #average}) is the unweighted mean over benchmarks of each figure, as the
 * paper averages its six benchmarks; except {@code requests}, which is the total.
 */
public record BenchmarkFigures(
        int requests,
        double accuracy,
        double referenceAccuracy,
        OptionalDouble judgeAccuracy,
        double callRatio,
        double callsPerRequest,
        double slmGeneratedTokens,
        double llmGeneratedTokens,
        double slmPrefillTokens,
        double llmPrefillTokens,
        double wallMsTotal,
        double wallMsMean) {

    public BenchmarkFigures {
        if (requests <= 0) {
            throw new IllegalArgumentException("figures of no requests");
        }
    }

    /** The figures of one benchmark's requests (at least one). Cost: one pass per figure. */
    public static BenchmarkFigures of(List<RunRecord> records) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("figures of no requests");
        }
        long generated = records.stream().mapToLong(RunRecord::generatedTokens).sum();
        long llmGenerated =
                records.stream().mapToLong(RunRecord::llmGeneratedTokens).sum();
        boolean judged = records.stream().anyMatch(r -> r.judgeCorrect().isPresent());
        return new BenchmarkFigures(
                records.size(),
                mean(records, r -> r.correct() ? 1 : 0),
                mean(records, r -> r.correctReference() ? 1 : 0),
                judged ? OptionalDouble.of(mean(records, r -> r.judgedCorrect() ? 1 : 0)) : OptionalDouble.empty(),
                generated == 0 ? 0 : (double) llmGenerated / generated,
                mean(records, RunRecord::calls),
                mean(records, RunRecord::slmGeneratedTokens),
                mean(records, RunRecord::llmGeneratedTokens),
                mean(records, RunRecord::slmPrefillTokens),
                mean(records, RunRecord::llmPrefillTokens),
                records.stream().mapToDouble(RunRecord::wallMs).sum(),
                mean(records, RunRecord::wallMs));
    }

    /**
     * The unweighted mean over {@code benchmarks} (at least one) of each figure; the judge accuracy
     * only when every benchmark has one, since a mean over a subset would not be comparable.
     */
    public static BenchmarkFigures average(List<BenchmarkFigures> benchmarks) {
        if (benchmarks.isEmpty()) {
            throw new IllegalArgumentException("average of no benchmarks");
        }
        boolean judged = benchmarks.stream().allMatch(b -> b.judgeAccuracy().isPresent());
        return new BenchmarkFigures(
                benchmarks.stream().mapToInt(BenchmarkFigures::requests).sum(),
                mean(benchmarks, BenchmarkFigures::accuracy),
                mean(benchmarks, BenchmarkFigures::referenceAccuracy),
                judged
                        ? OptionalDouble.of(
                                mean(benchmarks, b -> b.judgeAccuracy().orElseThrow()))
                        : OptionalDouble.empty(),
                mean(benchmarks, BenchmarkFigures::callRatio),
                mean(benchmarks, BenchmarkFigures::callsPerRequest),
                mean(benchmarks, BenchmarkFigures::slmGeneratedTokens),
                mean(benchmarks, BenchmarkFigures::llmGeneratedTokens),
                mean(benchmarks, BenchmarkFigures::slmPrefillTokens),
                mean(benchmarks, BenchmarkFigures::llmPrefillTokens),
                mean(benchmarks, BenchmarkFigures::wallMsTotal),
                mean(benchmarks, BenchmarkFigures::wallMsMean));
    }

    private static <T> double mean(List<T> items, ToDoubleFunction<T> figure) {
        return items.stream().mapToDouble(figure).average().orElseThrow();
    }
}
