package io.github.relayllm.bench.eval.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.relayllm.kernels.testkit.SharedOracle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The six loaders over the real files in {@code ../shared/datasets}; skipped where it is absent. */
class PaperDatasetsTest {
    private static Dataset load(Benchmark benchmark) throws IOException {
        Path file = SharedOracle.require("datasets/" + benchmark.fileName());
        return Dataset.load(benchmark, file.getParent());
    }

    private static int expectedCount(Benchmark benchmark) {
        return switch (benchmark) {
            case MATH500 -> 500;
            case GSM8K -> 1319;
            case MINERVA -> 272;
            case OLYMPIADBENCH -> 675;
            case AIME24, AIME25 -> 30;
        };
    }

    @ParameterizedTest
    @EnumSource(Benchmark.class)
    void loadsEveryItemWithUniqueIdsAndNoEmptyText(Benchmark benchmark) throws IOException {
        Dataset dataset = load(benchmark);

        assertThat(dataset.key()).isEqualTo(benchmark.key());
        assertThat(dataset.items()).hasSize(expectedCount(benchmark));
        assertThat(new HashSet<>(dataset.items().stream().map(DatasetItem::id).toList()))
                .hasSize(dataset.items().size());
        assertThat(dataset.items()).allSatisfy(item -> {
            assertThat(item.question()).isNotBlank();
            assertThat(item.goldAnswer())
                    .isNotBlank()
                    .isEqualTo(item.goldAnswer().strip());
        });
        // No blank lines in these files, so the items are lines 1..n in order.
        assertThat(dataset.items().stream().mapToInt(DatasetItem::lineNumber))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, expectedCount(benchmark))
                        .boxed()
                        .toList());
    }

    @Test
    void math500UsesUniqueIdAndTheAnswerField() throws IOException {
        List<DatasetItem> items = load(Benchmark.MATH500).items();

        assertThat(items.getFirst().id()).isEqualTo("test/precalculus/807.json");
        assertThat(items.getFirst().question())
                .startsWith("Convert the point $(0,3)$ in rectangular coordinates to polar coordinates.");
        assertThat(items.getFirst().goldAnswer()).isEqualTo("\\left( 3, \\frac{\\pi}{2} \\right)");
        assertThat(items.getLast().id()).isEqualTo("test/geometry/615.json");
        assertThat(items.getLast().goldAnswer()).isEqualTo("106^\\circ");
    }

    @Test
    void gsm8kTakesTheNumberAfterTheHashesWithoutCommas() throws IOException {
        List<DatasetItem> items = load(Benchmark.GSM8K).items();

        assertThat(items.getFirst().id()).isEqualTo("0");
        assertThat(items.getFirst().question()).startsWith("Janet\u2019s ducks lay 16 eggs per day.");
        assertThat(items.getFirst().goldAnswer()).isEqualTo("18");
        assertThat(items.get(146).id()).isEqualTo("146");
        assertThat(items.get(146).rawLine()).contains("#### 2,125");
        assertThat(items.get(146).goldAnswer()).isEqualTo("2125");
        assertThat(items.getLast().id()).isEqualTo("1318");
        assertThat(items.getLast().goldAnswer()).isEqualTo("14");
        assertThat(items).allSatisfy(item -> assertThat(item.goldAnswer()).matches("-?[0-9]+(\\.[0-9]+)?"));
    }

    @Test
    void minervaTakesTheSolutionsLastBox() throws IOException {
        List<DatasetItem> items = load(Benchmark.MINERVA).items();

        assertThat(items.getFirst().id()).isEqualTo("0");
        assertThat(items.getFirst().goldAnswer()).isEqualTo("1.6");
        assertThat(items.get(1).goldAnswer()).isEqualTo("4.5e33");
        assertThat(items.get(25).goldAnswer()).isEqualTo("\\frac{a M^{1 / 3}}{G M^{2 / 3}+b}");
        assertThat(items.get(35).goldAnswer()).isEqualTo("\\arcsin{1.3 \\sin{\\theta_w}}");
        assertThat(items.getLast().id()).isEqualTo("271");
        assertThat(items.getLast().goldAnswer()).isEqualTo("10.1");
        // Each answer is what the solution's last box holds, less the spaces around it.
        ObjectMapper json = new ObjectMapper();
        for (DatasetItem item : items) {
            String solution = json.readTree(item.rawLine()).get("solution").textValue();
            String lastBox = solution.substring(solution.lastIndexOf("\\boxed{") + "\\boxed{".length())
                    .stripLeading();
            assertThat(lastBox).as("line %d", item.lineNumber()).startsWith(item.goldAnswer());
            assertThat(lastBox.substring(item.goldAnswer().length()).stripLeading())
                    .as("line %d", item.lineNumber())
                    .startsWith("}");
        }
    }

    @Test
    void olympiadBenchTakesTheFirstFinalAnswerWithoutDollars() throws IOException {
        List<DatasetItem> items = load(Benchmark.OLYMPIADBENCH).items();

        assertThat(items.getFirst().id()).isEqualTo("1606");
        assertThat(items.getFirst().question()).startsWith("Xenia and Sergey play the following game.");
        assertThat(items.getFirst().goldAnswer()).isEqualTo("2");
        assertThat(items.get(1).id()).isEqualTo("1610");
        assertThat(items.get(1).goldAnswer()).isEqualTo("\\frac{1}{2 n+2}");
        assertThat(items.getLast().id()).isEqualTo("3102");
        assertThat(items.getLast().goldAnswer()).isEqualTo("11");
    }

    @Test
    void aimeItemsKeepTheirIdsAndAnswers() throws IOException {
        List<DatasetItem> aime24 = load(Benchmark.AIME24).items();
        List<DatasetItem> aime25 = load(Benchmark.AIME25).items();

        // AIME-2024 writes its ids as numbers, AIME-2025 as strings: both come out as text.
        assertThat(aime24.getFirst().id()).isEqualTo("60");
        assertThat(aime24.getFirst().goldAnswer()).isEqualTo("204");
        assertThat(aime24.getFirst().question()).startsWith("Every morning Aya goes for a $9$-kilometer-long walk");
        assertThat(aime24.getLast().id()).isEqualTo("89");
        assertThat(aime24.getLast().goldAnswer()).isEqualTo("902");
        assertThat(aime25.getFirst().id()).isEqualTo("0");
        assertThat(aime25.getFirst().goldAnswer()).isEqualTo("70");
        assertThat(aime25.getFirst().question())
                .isEqualTo("Find the sum of all integer bases $b>9$ for which $17_b$ is a divisor of $97_b.$");
        assertThat(aime25.getLast().goldAnswer()).isEqualTo("240");
    }

    @Test
    void aimeIsSampled32TimesPerProblemByDefault() throws IOException {
        Dataset aime25 = load(Benchmark.AIME25);

        List<EvalSample> samples = aime25.samples(7L);

        assertThat(samples).hasSize(30 * 32);
        assertThat(new HashSet<>(samples.stream().map(EvalSample::seed).toList()))
                .hasSize(30 * 32);
        assertThat(aime25.samples(4, 7L)).hasSize(30 * 4);
        assertThat(load(Benchmark.GSM8K).samples(7L)).hasSize(1319);
    }
}
