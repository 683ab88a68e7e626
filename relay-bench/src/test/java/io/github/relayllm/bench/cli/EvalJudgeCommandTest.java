package io.github.relayllm.bench.cli;

import static io.github.relayllm.bench.cli.CliRun.relay;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.relayllm.bench.eval.judge.JudgeServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code relay eval --judge-url}: the second-stage judge against a loopback judge server. */
class EvalJudgeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private JudgeServer judge;

    @BeforeEach
    void startJudge() throws IOException {
        judge = JudgeServer.start();
    }

    @AfterEach
    void stopJudge() {
        judge.close();
    }

    /** A GSM8K-shaped file of 4 problems; the judge says yes to the even ones. */
    private Path gsm8k() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String question = i % 2 == 0 ? "Q" + i + " " + JudgeServer.SAYS_YES : "Q" + i;
            lines.add("{\"question\": \"%s\", \"answer\": \"so #### %d\", \"idx\": %d}".formatted(question, 10 + i, i));
        }
        Path file = dir.resolve("gsm8k.test.jsonl");
        Files.write(file, lines);
        return file;
    }

    private CliRun eval(String responder, String... more) throws IOException {
        List<String> args = new ArrayList<>(
                List.of("eval", "--responder", responder, "--dataset", "gsm8k=" + gsm8k(), "--out", out().toString()));
        args.addAll(List.of(more));
        return relay(args.toArray(String[]::new));
    }

    private CliRun judged(String responder, String... more) throws IOException {
        List<String> args =
                new ArrayList<>(List.of("--judge-url", judge.baseUrl().toString()));
        args.addAll(List.of(more));
        return eval(responder, args.toArray(String[]::new));
    }

    private Path out() {
        return dir.resolve("out");
    }

    private List<JsonNode> lines(String policy) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out().resolve("gsm8k." + policy + ".jsonl"), StandardCharsets.UTF_8)) {
            rows.add(JSON.readTree(line));
        }
        return rows;
    }

    @Test
    void everyWrongAnswerIsJudgedAndCorrectStaysFalse() throws IOException {
        CliRun run = judged("wrong", "--judge-model", "gpt-4o-mini");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> rows = lines("wrong");
        assertThat(rows).hasSize(4);
        for (JsonNode row : rows) {
            int id = row.get("id").asInt();
            assertThat(row.get("correct").asBoolean()).isFalse();
            assertThat(row.get("judge_correct").isBoolean()).as(row.toString()).isTrue();
            assertThat(row.get("judge_correct").asBoolean()).as(row.toString()).isEqualTo(id % 2 == 0);
        }
        assertThat(run.out())
                .contains(
                        "strict 0.0% (0), reference 0.0% (0), judge 50.0% (2), 4 judge calls: 0 failed, 0 unparseable");
        assertThat(judge.requests()).hasSize(4);
        JsonNode request = judge.requests().stream()
                .filter(r -> r.at("/messages/0/content").asText().contains("Q1"))
                .findFirst()
                .orElseThrow();
        assertThat(request.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(request.get("temperature").asDouble()).isZero();
        assertThat(request.at("/messages/0/content").asText())
                .contains("Problem:\nQ1\n")
                .contains("Reference answer:\n11\n")
                .contains("Response:\nThe answer is \\boxed{\\text{wrong}}.\n");
    }

    @Test
    void answersGradedCorrectAreNotJudged() throws IOException {
        CliRun run = judged("gold");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(lines("gold")).allSatisfy(row -> {
            assertThat(row.get("correct").asBoolean()).isTrue();
            assertThat(row.get("judge_correct").isNull()).isTrue();
        });
        assertThat(run.out()).contains("judge 100.0% (4), 0 judge calls: 0 failed, 0 unparseable");
        assertThat(judge.requests()).isEmpty();
    }

    @Test
    void withoutAJudgeUrlNoCallIsMadeAndNothingIsJudged() throws IOException {
        CliRun run = eval("wrong");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(lines("wrong"))
                .hasSize(4)
                .allSatisfy(row -> assertThat(row.get("judge_correct").isNull()).isTrue());
        assertThat(run.out()).doesNotContain("judge");
        assertThat(judge.requests()).isEmpty();
    }

    @Test
    void aFailingJudgeLeavesNullAndTheRunFinishes() throws IOException {
        judge.failWith(500);
        CliRun run = judged("wrong");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(lines("wrong")).hasSize(4).allSatisfy(row -> {
            assertThat(row.get("correct").asBoolean()).isFalse();
            assertThat(row.get("judge_correct").isNull()).isTrue();
        });
        assertThat(run.out()).contains("judge 0.0% (0), 4 judge calls: 4 failed, 0 unparseable");
        assertThat(run.err()).contains("4 of 4 judge calls failed").contains("Service status 500");
        // Each call is retried: 3 attempts.
        assertThat(judge.requests()).hasSize(12);
    }

    @Test
    void aHangingJudgeTimesOutAndTheRunFinishes() throws IOException {
        judge.hang();
        CliRun run = judged("wrong", "--judge-timeout", "0.2", "--concurrency", "4");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(lines("wrong"))
                .allSatisfy(row -> assertThat(row.get("judge_correct").isNull()).isTrue());
        assertThat(run.out()).contains("4 judge calls: 4 failed");
        assertThat(run.err()).contains("Timed out after 200 ms");
    }

    @Test
    void garbageAndRepliesWithoutAVerdictLeaveNull() throws IOException {
        judge.garbage();
        CliRun garbage = judged("wrong", "--limit", "2");
        assertThat(garbage.exitCode()).as(garbage.err()).isZero();
        assertThat(garbage.out()).contains("2 judge calls: 2 failed, 0 unparseable");
        assertThat(garbage.err()).contains("Malformed response");
        judge.reply("I cannot decide.");
        CliRun vague = judged("wrong");
        assertThat(vague.exitCode()).as(vague.err()).isZero();
        assertThat(vague.out()).contains("4 samples (2 resumed)").contains("2 judge calls: 0 failed, 2 unparseable");
        assertThat(vague.err()).contains("2 of 2 judge replies had no verdict").contains("\"I cannot decide.\"");
        assertThat(lines("wrong"))
                .hasSize(4)
                .allSatisfy(row -> assertThat(row.get("judge_correct").isNull()).isTrue());
    }

    @Test
    void resumedLinesKeepTheirJudgeFieldsAndAreNotJudgedAgain() throws IOException {
        assertThat(eval("wrong", "--limit", "1").exitCode()).isZero();
        CliRun first = judged("wrong", "--limit", "3");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("3 samples (1 resumed)").contains("judge 33.3% (1), 2 judge calls");
        assertThat(judge.requests()).hasSize(2);
        CliRun second = judged("wrong");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("4 samples (3 resumed)").contains("judge 25.0% (1), 1 judge calls");
        assertThat(judge.requests()).hasSize(3);
        // Scripted requests run concurrently, so lines land in the order they finish: compare by id.
        List<JsonNode> rows = lines("wrong");
        assertThat(rows.stream()
                        .sorted(Comparator.comparingInt(r -> r.get("id").asInt()))
                        .map(r -> r.get("judge_correct").toString()))
                .containsExactly("null", "false", "true", "false");
    }

    @Test
    void judgeOptionsAreCheckedBeforeAnythingRuns() throws IOException {
        assertThat(eval("wrong", "--judge-model", "gpt-4o-mini").err()).contains("need --judge-url");
        assertThat(eval("wrong", "--judge-timeout", "5").exitCode()).isEqualTo(2);
        assertThat(judged("wrong", "--judge-timeout", "0").err()).contains("--judge-timeout must be");
        CliRun ftp = eval("wrong", "--judge-url", "ftp://127.0.0.1/");
        assertThat(ftp.exitCode()).isEqualTo(2);
        assertThat(ftp.err()).contains("--judge-url").contains("http or https");
        assertThat(Files.exists(out())).isFalse();
    }
}
