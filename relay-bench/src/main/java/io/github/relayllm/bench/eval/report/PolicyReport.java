package io.github.relayllm.bench.eval.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One policy's figures: per benchmark, in report order, and their {@linkplain BenchmarkFigures#average
 * average}. Invariant: at least one benchmark; {@code average} is the average of exactly these.
 */
public record PolicyReport(String policy, Map<String, BenchmarkFigures> benchmarks, BenchmarkFigures average) {
    private static final List<String> SWEEP_FAMILIES = List.of("random-query", "random-token");

    public PolicyReport {
        if (benchmarks.isEmpty()) {
            throw new IllegalArgumentException("policy " + policy + " has no benchmarks");
        }
        benchmarks = Collections.unmodifiableMap(new LinkedHashMap<>(benchmarks));
    }

    /** The report of {@code policy} over {@code benchmarks} (in the order given), averaging them. */
    public static PolicyReport of(String policy, Map<String, BenchmarkFigures> benchmarks) {
        return new PolicyReport(policy, benchmarks, BenchmarkFigures.average(List.copyOf(benchmarks.values())));
    }

    /**
     * The random-router sweep this policy is a point of ({@code random-query} for
     * {@code random-query-0.3}), or empty for a policy that stands alone.
     */
    public Optional<String> sweepFamily() {
        return SWEEP_FAMILIES.stream().filter(f -> policy.startsWith(f + "-")).findFirst();
    }
}
