package io.github.relayllm.bench.eval.report;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How the report names and orders dataset keys: the paper's six benchmarks first, in a fixed order and
 * with their usual names; any other key (a generic set) after them, alphabetically, under its key.
 */
final class BenchmarkNames {
    private static final List<String> KNOWN =
            List.of("math500", "gsm8k", "minerva", "olympiadbench", "aime24", "aime25");
    private static final Map<String, String> DISPLAY = Map.of(
            "math500", "MATH-500",
            "gsm8k", "GSM8K",
            "minerva", "Minerva",
            "olympiadbench", "OlympiadBench",
            "aime24", "AIME-2024",
            "aime25", "AIME-2025");

    static final Comparator<String> ORDER = Comparator.<String>comparingInt(
                    key -> KNOWN.contains(key) ? KNOWN.indexOf(key) : KNOWN.size())
            .thenComparing(Comparator.naturalOrder());

    private BenchmarkNames() {}

    static String display(String key) {
        return DISPLAY.getOrDefault(key, key);
    }
}
