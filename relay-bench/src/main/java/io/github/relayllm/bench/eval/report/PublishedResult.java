package io.github.relayllm.bench.eval.report;

import java.util.List;
import java.util.OptionalDouble;

/**
 * One average the RelayLLM paper published, drawn on the plot for reference. Percentages as printed
 * in the paper; {@code callRatioPercent} is empty for methods that never call the LLM (the paper
 * prints "-"). The paper graded with a rule-based checker and then an LLM judge (gpt-4o-mini) on every
 * answer judged wrong, so these sit above rule-based grading of the same outputs.
 */
public record PublishedResult(String model, String method, double accuracyPercent, OptionalDouble callRatioPercent) {

    /**
     * The paper's main table (arXiv 2601.05167, "RelayLLM"), averages over Minerva, MATH-500, GSM8K,
     * OlympiadBench, AIME-2024 and AIME-2025; copied from /work/shared/notes/relayllm-paper.md.
     */
    public static final List<PublishedResult> PAPER = List.of(
            new PublishedResult("Qwen3-0.6B", "base", 27.17, OptionalDouble.empty()),
            new PublishedResult("Qwen3-0.6B", "GRPO", 29.91, OptionalDouble.empty()),
            new PublishedResult("Qwen3-0.6B", "CITER", 30.77, OptionalDouble.of(0.98)),
            new PublishedResult("Qwen3-0.6B", "RelayLLM", 33.04, OptionalDouble.of(0.77)),
            new PublishedResult("Qwen3-1.7B", "base", 42.50, OptionalDouble.empty()),
            new PublishedResult("Qwen3-1.7B", "GRPO", 44.06, OptionalDouble.empty()),
            new PublishedResult("Qwen3-1.7B", "CITER", 46.81, OptionalDouble.of(1.34)),
            new PublishedResult("Qwen3-1.7B", "RelayLLM", 49.52, OptionalDouble.of(1.07)),
            new PublishedResult("Qwen3-8B", "alone", 54.12, OptionalDouble.of(100)));

    /** "Qwen3-1.7B RelayLLM": how the plot and the JSON name this point. */
    public String label() {
        return model + " " + method;
    }
}
