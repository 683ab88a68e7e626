package io.github.relayllm.bench.eval.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.relayllm.kernels.testkit.SharedOracle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sanity checks of the grader on real answer sets from {@code ../shared/datasets}: MATH-500's
 * reference solutions must grade as correct and a shuffled answer column as wrong; OlympiadBench's
 * {@code $}-wrapped answers must normalize cleanly. Skipped when the datasets are absent.
 */
class DatasetGradingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void math500SolutionsGradeAgainstTheirAnswersAndNotAgainstShuffledOnes() throws IOException {
        List<JsonNode> rows = rows(SharedOracle.require("datasets/math500.test.jsonl"));
        List<String> boxed = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        for (JsonNode row : rows) {
            boxed.add(
                    ExtractionMode.STRICT.extract(row.get("solution").asText()).orElse(""));
            answers.add(row.get("answer").asText());
        }
        List<String> shuffled = new ArrayList<>(answers);
        Collections.shuffle(shuffled, new Random(42));

        List<String> misses = new ArrayList<>();
        int correct = 0;
        int shuffledCorrect = 0;
        int referenceCorrect = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (MathEquivalence.equivalent(boxed.get(i), answers.get(i))) {
                correct++;
            } else {
                misses.add(boxed.get(i) + "  vs  " + answers.get(i));
            }
            String solution = rows.get(i).get("solution").asText();
            if (MathEquivalence.equivalent(
                    ExtractionMode.REFERENCE.extract(solution).orElse(""), answers.get(i))) {
                referenceCorrect++;
            }
            if (MathEquivalence.equivalent(boxed.get(i), shuffled.get(i))) {
                shuffledCorrect++;
            }
        }
        assertThat(rows).hasSize(500);
        System.out.printf(
                "MATH-500: solutions %d/%d equal to answers (reference extraction %d), %d equal to shuffled answers%n",
                correct, rows.size(), referenceCorrect, shuffledCorrect);
        assertThat(correct).as("misses: %s", misses).isGreaterThanOrEqualTo(485);
        assertThat(shuffledCorrect).isLessThanOrEqualTo(10);
    }

    @Test
    void olympiadBenchAnswersEqualThemselvesWithoutDollarSigns() throws IOException {
        List<JsonNode> rows = rows(SharedOracle.require("datasets/olympiadbench.test.jsonl"));
        assertThat(rows).isNotEmpty();
        int wrapped = 0;
        for (JsonNode row : rows) {
            String answer = row.get("final_answer").get(0).asText();
            String normalized = MathNormalizer.normalize(answer);
            assertThat(MathEquivalence.equivalent(answer, answer)).as(answer).isTrue();
            assertThat(normalized).as(answer).isNotEmpty().doesNotContain("$");
            assertThat(MathNormalizer.normalize(normalized)).as(answer).isEqualTo(normalized);
            if (answer.startsWith("$") && answer.endsWith("$")) {
                wrapped++;
                assertThat(MathEquivalence.equivalent(answer, answer.substring(1, answer.length() - 1)))
                        .as(answer)
                        .isTrue();
            }
        }
        assertThat(wrapped).as("answers wrapped in $...$").isPositive();
    }

    private static List<JsonNode> rows(Path file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                rows.add(JSON.readTree(line));
            }
        }
        return rows;
    }
}
