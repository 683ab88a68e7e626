package io.github.relayllm.bench.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.relayllm.bench.eval.dataset.DatasetItem;
import io.github.relayllm.bench.eval.dataset.EvalSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFileTest {
    @TempDir
    Path dir;

    private static EvalRecord record(String id, int repeat, String response) {
        EvalSample sample = new EvalSample(new DatasetItem(id, "q", "4", 1, "{}"), repeat, 99);
        return EvalRecord.graded("gsm8k", "gold", sample, Response.scripted(response), 1.5);
    }

    @Test
    void linesAreReadBackWithTheirGrades() throws IOException {
        try (ResultFile file = ResultFile.open(dir, "gsm8k", "gold")) {
            assertThat(file.existing()).isEmpty();
            file.append(record("a", 0, "\\boxed{4}"));
            file.append(record("a", 1, "no box"));
        }
        try (ResultFile file = ResultFile.open(dir, "gsm8k", "gold")) {
            assertThat(file.existing())
                    .containsEntry(new ResultFile.Key("a", 0), new ResultFile.Grades(true, true))
                    .containsEntry(new ResultFile.Key("a", 1), new ResultFile.Grades(false, false))
                    .hasSize(2);
            assertThat(file.truncatedBytes()).isZero();
        }
    }

    @Test
    void judgeVerdictsAreReadBackAndABadOneNamesTheLine() throws IOException {
        try (ResultFile file = ResultFile.open(dir, "gsm8k", "gold")) {
            file.append(record("a", 0, "no box").withJudgeCorrect(true));
            file.append(record("a", 1, "no box").withJudgeCorrect(false));
            file.append(record("a", 2, "no box"));
        }
        try (ResultFile file = ResultFile.open(dir, "gsm8k", "gold")) {
            assertThat(file.existing())
                    .containsEntry(new ResultFile.Key("a", 0), new ResultFile.Grades(false, false, true))
                    .containsEntry(new ResultFile.Key("a", 1), new ResultFile.Grades(false, false, false))
                    .containsEntry(new ResultFile.Key("a", 2), new ResultFile.Grades(false, false, null));
            assertThat(file.existing().get(new ResultFile.Key("a", 0)).correctOrJudged())
                    .isTrue();
            assertThat(file.existing().get(new ResultFile.Key("a", 1)).correctOrJudged())
                    .isFalse();
        }
        Path path = dir.resolve("gsm8k.gold.jsonl");
        Files.writeString(
                path,
                record("a", 0, "x").toJsonLine().replace("\"judge_correct\":null", "\"judge_correct\":\"yes\"") + "\n");
        assertThatThrownBy(() -> ResultFile.open(dir, "gsm8k", "gold"))
                .isInstanceOf(ResultFileException.class)
                .hasMessageContaining(":1: judge_correct: expected true, false or null");
    }

    @Test
    void noBoxMeansNullExtractionAndIncorrect() {
        EvalRecord r = record("a", 0, "I think it is 4");
        assertThat(r.extracted()).isNull();
        assertThat(r.extractedReference()).isNull();
        assertThat(r.correct()).isFalse();
        assertThat(r.toJsonLine()).contains("\"extracted\":null").contains("\"judge_correct\":null");
    }

    @Test
    void aPartialLastLineIsCutOff() throws IOException {
        Path path = dir.resolve("gsm8k.gold.jsonl");
        String line = record("a", 0, "\\boxed{4}").toJsonLine();
        Files.writeString(path, line + "\n" + line.substring(0, 17));
        try (ResultFile file = ResultFile.open(dir, "gsm8k", "gold")) {
            assertThat(file.truncatedBytes()).isEqualTo(17);
            assertThat(file.existing()).hasSize(1);
        }
        assertThat(Files.readString(path)).isEqualTo(line + "\n");
    }

    @Test
    void aBadCompleteLineNamesTheFileAndLine() throws IOException {
        Path path = dir.resolve("gsm8k.gold.jsonl");
        Files.writeString(path, record("a", 0, "x").toJsonLine() + "\n{\"dataset\": \"gsm8k\"}\n");
        assertThatThrownBy(() -> ResultFile.open(dir, "gsm8k", "gold"))
                .isInstanceOf(ResultFileException.class)
                .hasMessageStartingWith(path + ":2: policy")
                .satisfies(e -> assertThat(((ResultFileException) e).line()).isEqualTo(2));
        Files.writeString(path, "not json\n");
        assertThatThrownBy(() -> ResultFile.open(dir, "gsm8k", "gold")).hasMessageContaining(":1: not JSON");
    }

    @Test
    void aRecordOfAnotherDatasetIsRefused() throws IOException {
        try (ResultFile file = ResultFile.open(dir, "math500", "gold")) {
            assertThatThrownBy(() -> file.append(record("a", 0, "x"))).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
