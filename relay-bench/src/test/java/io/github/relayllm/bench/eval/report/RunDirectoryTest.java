package io.github.relayllm.bench.eval.report;

import static io.github.relayllm.bench.eval.report.RunFolderFixture.file;
import static io.github.relayllm.bench.eval.report.RunFolderFixture.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    private static final double EPS = 1e-12;

    @TempDir
    Path dir;

    @Test
    void computesEachBenchmarksFigures() throws IOException {
        EvaluationReport report = RunDirectory.read(RunFolderFixture.write(dir));
        PolicyReport relay = report.policies().getFirst();
        assertThat(relay.policy()).isEqualTo("relay");

        BenchmarkFigures math = relay.benchmarks().get("math500");
        assertThat(math.requests()).isEqualTo(4);
        assertThat(math.accuracy()).isCloseTo(0.5, within(EPS));
        assertThat(math.referenceAccuracy()).isCloseTo(0.5, within(EPS));
        assertThat(math.judgeAccuracy()).isEmpty();
        assertThat(math.callRatio()).as("micro-average 40/500").isCloseTo(0.08, within(EPS));
        assertThat(math.callsPerRequest()).isCloseTo(1.0, within(EPS));
        assertThat(math.slmGeneratedTokens()).isCloseTo(115, within(EPS));
        assertThat(math.llmGeneratedTokens()).isCloseTo(10, within(EPS));
        assertThat(math.slmPrefillTokens()).isCloseTo(50, within(EPS));
        assertThat(math.llmPrefillTokens()).isCloseTo(175, within(EPS));
        assertThat(math.wallMsTotal()).isCloseTo(4000, within(EPS));
        assertThat(math.wallMsMean()).isCloseTo(1000, within(EPS));

        BenchmarkFigures aime = relay.benchmarks().get("aime24");
        assertThat(aime.accuracy()).as("repeats averaged").isCloseTo(0.5, within(EPS));
        assertThat(aime.judgeAccuracy()).as("correct or judged right").hasValue(1.0);
        assertThat(aime.callRatio()).isCloseTo(0.1, within(EPS));
    }

    @Test
    void averagesBenchmarksUnweighted() throws IOException {
        PolicyReport relay =
                RunDirectory.read(RunFolderFixture.write(dir)).policies().getFirst();
        BenchmarkFigures average = relay.average();
        assertThat(average.requests()).as("total").isEqualTo(6);
        assertThat(average.callRatio())
                .as("mean of 8% and 10%, not the pooled 80/900")
                .isCloseTo(0.09, within(EPS));
        assertThat(average.slmGeneratedTokens()).isCloseTo((115 + 180) / 2.0, within(EPS));
        assertThat(average.wallMsTotal()).isCloseTo(4500, within(EPS));
        assertThat(average.judgeAccuracy()).as("math500 was not judged").isEmpty();
    }

    @Test
    void ordersPoliciesAndBenchmarksAndFindsSweeps() throws IOException {
        EvaluationReport report = RunDirectory.read(RunFolderFixture.write(dir));
        assertThat(report.benchmarks()).containsExactly("math500", "aime24");
        assertThat(report.policies())
                .extracting(PolicyReport::policy)
                .containsExactly("relay", "random-query-0.2", "random-query-0.6");
        assertThat(report.policies().get(0).sweepFamily()).isEmpty();
        assertThat(report.policies().get(1).sweepFamily()).hasValue("random-query");
        assertThat(report.policies().get(2).average().accuracy()).isCloseTo(0.75, within(EPS));
        assertThat(report.policies().get(1).benchmarks().keySet()).containsExactly("math500", "aime24");
        assertThat(report.skipped()).isEmpty();
    }

    @Test
    void skipsFilesThatAreNotRunsAndListsOddOnes() throws IOException {
        RunFolderFixture.write(dir);
        Files.writeString(dir.resolve("report.md"), "# old report\n");
        Files.writeString(dir.resolve("notes.jsonl"), "{}\n");
        Files.writeString(dir.resolve("gsm8k.slm.jsonl"), "\n");
        EvaluationReport report = RunDirectory.read(dir);
        assertThat(report.policies()).hasSize(3);
        assertThat(report.skipped())
                .extracting(s -> s.file().getFileName().toString() + ": " + s.reason())
                .containsExactly(
                        "gsm8k.slm.jsonl: no finished requests", "notes.jsonl: name is not <dataset>.<policy>.jsonl");
    }

    @Test
    void aMalformedLineNamesFileAndLine() throws IOException {
        Path bad = file(
                dir,
                "math500",
                "relay",
                line("math500", "relay", true, true, null, 1, 1, 1, 0, 1, 1, 1),
                "{\"correct\": tru");
        assertThatThrownBy(() -> RunDirectory.read(dir))
                .isInstanceOf(ReportInputException.class)
                .hasMessageStartingWith(bad + ":2: not JSON")
                .satisfies(e -> assertThat(((ReportInputException) e).line()).isEqualTo(2));
    }

    @Test
    void aMissingOrMistypedCounterNamesFileLineAndField() throws IOException {
        String good = line("math500", "relay", true, true, null, 1, 1, 1, 0, 1, 1, 1);
        Path missing = file(dir, "math500", "relay", good, good, good.replace("\"llm_prefill_tokens\":1,", ""));
        assertThatThrownBy(() -> RunDirectory.read(dir))
                .isInstanceOf(ReportInputException.class)
                .hasMessage(missing + ":3: missing field \"llm_prefill_tokens\"");

        file(dir, "math500", "relay", good.replace("\"calls\":1", "\"calls\":-1"));
        assertThatThrownBy(() -> RunDirectory.read(dir))
                .hasMessageContaining(":1: \"calls\" must be a non-negative integer, not -1");

        file(dir, "math500", "relay", good.replace("\"correct\":true", "\"correct\":\"yes\""));
        assertThatThrownBy(() -> RunDirectory.read(dir)).hasMessageContaining(":1: \"correct\" must be true or false");

        file(dir, "math500", "relay", "[1]");
        assertThatThrownBy(() -> RunDirectory.read(dir)).hasMessageContaining(":1: expected a JSON object");
    }

    @Test
    void aLineFiledUnderTheWrongNameIsAnError() throws IOException {
        Path file = file(dir, "math500", "relay", line("gsm8k", "relay", true, true, null, 1, 1, 1, 0, 1, 1, 1));
        assertThatThrownBy(() -> RunDirectory.read(dir))
                .hasMessage(file + ":1: \"dataset\" is \"gsm8k\" but the file name says \"math500\"");
    }

    @Test
    void anEmptyOrMissingFolderIsAnError() {
        assertThatThrownBy(() -> RunDirectory.read(dir))
                .isInstanceOf(ReportInputException.class)
                .hasMessage(dir + ": no <dataset>.<policy>.jsonl run files with finished requests");
        assertThatThrownBy(() -> RunDirectory.read(dir.resolve("absent")))
                .isInstanceOf(ReportInputException.class)
                .hasMessage(dir.resolve("absent") + ": not a folder");
    }

    @Test
    void fileNamesSplitAtTheFirstDot() {
        assertThat(RunFileName.of(Path.of("x/math500.random-token-0.05-20.jsonl")))
                .hasValue(new RunFileName("math500", "random-token-0.05-20"));
        assertThat(RunFileName.of(Path.of("math500.jsonl"))).isEmpty();
        assertThat(RunFileName.of(Path.of("math500.relay.json"))).isEmpty();
        assertThat(RunFileName.of(Path.of(".relay.jsonl"))).isEmpty();
    }
}
