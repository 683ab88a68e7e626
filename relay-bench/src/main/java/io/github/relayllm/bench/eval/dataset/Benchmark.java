package io.github.relayllm.bench.eval.dataset;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The six math benchmarks of the RelayLLM paper, in the JSONL layouts of the public copies (the
 * Qwen2.5-Math evaluation data and MathRuler). Each knows its file name, its fields and how many
 * samples the paper draws per problem: AIME is reported as the mean over 32, the rest from one.
 */
public enum Benchmark {
    /** MATH-500: 500 problems; {@code problem}, {@code answer}, id {@code unique_id}. */
    MATH500("math500", "math500.test.jsonl", "problem", new AnswerSource.Plain("answer"), "unique_id", 1),
    /** GSM8K test: 1319 problems; {@code question}, the number after {@code ####} of {@code answer}. */
    GSM8K("gsm8k", "gsm8k.test.jsonl", "question", new AnswerSource.AfterHashes("answer"), "idx", 1),
    /** Minerva math: 272 problems; {@code problem}, the last box of {@code solution}. */
    MINERVA("minerva", "minerva_math.test.jsonl", "problem", new AnswerSource.LastBoxed("solution"), "idx", 1),
    /** OlympiadBench (English, text-only maths): 675 problems; {@code question}, first {@code final_answer}. */
    OLYMPIADBENCH(
            "olympiadbench",
            "olympiadbench.test.jsonl",
            "question",
            new AnswerSource.FirstOfList("final_answer"),
            "id",
            1),
    /** AIME 2024: 30 problems; {@code problem}, {@code answer}. */
    AIME24("aime24", "aime24.test.jsonl", "problem", new AnswerSource.Plain("answer"), "id", 32),
    /** AIME 2025: 30 problems; {@code problem}, {@code answer}. */
    AIME25("aime25", "aime25.test.jsonl", "problem", new AnswerSource.Plain("answer"), "id", 32);

    private final String key;
    private final String fileName;
    private final DatasetLayout layout;
    private final int defaultRepeats;

    Benchmark(String key, String fileName, String question, AnswerSource answer, String id, int defaultRepeats) {
        this.key = key;
        this.fileName = fileName;
        this.layout = new DatasetLayout(question, answer, Optional.of(id));
        this.defaultRepeats = defaultRepeats;
    }

    /** The short name used on the command line and in reports, e.g. {@code aime24}. */
    public String key() {
        return key;
    }

    /** The file's name in a datasets folder, e.g. {@code minerva_math.test.jsonl}. */
    public String fileName() {
        return fileName;
    }

    public DatasetLayout layout() {
        return layout;
    }

    /** Samples per problem in the paper's tables: 32 for AIME, 1 otherwise. */
    public int defaultRepeats() {
        return defaultRepeats;
    }

    /**
     * The benchmark named {@code key}.
     *
     * @throws IllegalArgumentException naming the known keys if there is none
     */
    public static Benchmark ofKey(String key) {
        for (Benchmark b : values()) {
            if (b.key.equals(key)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown benchmark '%s'; known: %s"
                .formatted(key, Arrays.stream(values()).map(Benchmark::key).collect(Collectors.joining(", "))));
    }
}
