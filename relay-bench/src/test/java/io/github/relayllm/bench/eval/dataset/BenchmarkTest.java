package io.github.relayllm.bench.eval.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BenchmarkTest {
    @Test
    void keysAndFilesAreThePapersSix() {
        assertThat(Arrays.stream(Benchmark.values()).map(Benchmark::key))
                .containsExactly("math500", "gsm8k", "minerva", "olympiadbench", "aime24", "aime25");
        assertThat(Benchmark.MINERVA.fileName()).isEqualTo("minerva_math.test.jsonl");
        assertThat(Benchmark.MATH500.layout().idField()).hasValue("unique_id");
        assertThat(Benchmark.GSM8K.layout().answer()).isEqualTo(new AnswerSource.AfterHashes("answer"));
    }

    @Test
    void aimeIsRepeated32Times() {
        assertThat(Arrays.stream(Benchmark.values()).mapToInt(Benchmark::defaultRepeats))
                .containsExactly(1, 1, 1, 1, 32, 32);
    }

    @Test
    void looksUpByKey() {
        assertThat(Benchmark.ofKey("olympiadbench")).isEqualTo(Benchmark.OLYMPIADBENCH);
        assertThatThrownBy(() -> Benchmark.ofKey("math"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown benchmark 'math'; known: math500, gsm8k, minerva, olympiadbench, aime24, aime25");
    }
}
