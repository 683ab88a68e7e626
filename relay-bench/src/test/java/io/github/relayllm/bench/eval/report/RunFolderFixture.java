package io.github.relayllm.bench.eval.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A small run folder with known figures: two benchmarks (math500, aime24) for three policies (relay
 * and a random-query sweep at 0.2 and 0.6). The expected numbers are worked out in the comments.
 */
public final class RunFolderFixture {
    private RunFolderFixture() {}

    /** Writes the folder's run files into {@code dir} and returns it. */
    public static Path write(Path dir) throws IOException {
        // relay on math500: accuracy 2/4, reference 2/4, ratio 40/500 = 8%, calls 1, SLM gen 115,
        // LLM gen 10, SLM prefill 50, LLM prefill 175, wall 4000 ms total, 1000 mean.
        file(
                dir,
                "math500",
                "relay",
                line("math500", "relay", true, true, null, 1, 100, 90, 10, 50, 200, 1000),
                line("math500", "relay", false, true, null, 0, 100, 100, 0, 40, 0, 500),
                "",
                line("math500", "relay", true, false, null, 2, 200, 180, 20, 60, 400, 1500),
                line("math500", "relay", false, false, null, 1, 100, 90, 10, 50, 100, 1000));
        // relay on aime24, two repeats of one problem, judged: accuracy 1/2, judge 2/2, ratio 40/400 = 10%.
        file(
                dir,
                "aime24",
                "relay",
                line("aime24", "relay", true, true, null, 1, 300, 270, 30, 100, 300, 2000),
                line("aime24", "relay", false, false, true, 1, 100, 90, 10, 100, 300, 3000));
        // random-query-0.2: math500 1/2 at 20%, aime24 0/2 at 20%; average 25% at 20%.
        file(
                dir,
                "math500",
                "random-query-0.2",
                line("math500", "random-query-0.2", true, true, null, 1, 100, 80, 20, 50, 100, 100),
                line("math500", "random-query-0.2", false, false, null, 1, 100, 80, 20, 50, 100, 100));
        file(
                dir,
                "aime24",
                "random-query-0.2",
                line("aime24", "random-query-0.2", false, false, null, 1, 100, 80, 20, 50, 100, 100),
                line("aime24", "random-query-0.2", false, false, null, 1, 100, 80, 20, 50, 100, 100));
        // random-query-0.6: math500 2/2, aime24 1/2, both at 60%; average 75% at 60%.
        file(
                dir,
                "math500",
                "random-query-0.6",
                line("math500", "random-query-0.6", true, true, null, 1, 100, 40, 60, 50, 100, 100),
                line("math500", "random-query-0.6", true, true, null, 1, 100, 40, 60, 50, 100, 100));
        file(
                dir,
                "aime24",
                "random-query-0.6",
                line("aime24", "random-query-0.6", true, true, null, 1, 100, 40, 60, 50, 100, 100),
                line("aime24", "random-query-0.6", false, false, null, 1, 100, 40, 60, 50, 100, 100));
        return dir;
    }

    /** One run-file line with the given counters, plus the fields the report ignores. */
    public static String line(
            String dataset,
            String policy,
            boolean correct,
            boolean correctReference,
            Boolean judge,
            int calls,
            int generated,
            int slmGenerated,
            int llmGenerated,
            int slmPrefill,
            int llmPrefill,
            double wallMs) {
        return String.format(
                Locale.ROOT,
                "{\"dataset\":\"%s\",\"policy\":\"%s\",\"id\":\"p\",\"repeat\":0,\"seed\":1,\"response\":\"\\\\boxed{3}\","
                        + "\"extracted\":\"3\",\"extracted_reference\":\"3\",\"gold\":\"3\",\"correct\":%s,"
                        + "\"correct_reference\":%s,\"judge_correct\":%s,\"status\":\"finished\",\"turns\":1,"
                        + "\"calls\":%d,\"generated_tokens\":%d,\"slm_generated_tokens\":%d,"
                        + "\"llm_generated_tokens\":%d,\"slm_prefill_tokens\":%d,\"llm_prefill_tokens\":%d,"
                        + "\"call_ratio\":0.1,\"wall_ms\":%s,\"some_future_field\":[1,2]}",
                dataset,
                policy,
                correct,
                correctReference,
                judge,
                calls,
                generated,
                slmGenerated,
                llmGenerated,
                slmPrefill,
                llmPrefill,
                wallMs);
    }

    public static Path file(Path dir, String dataset, String policy, String... lines) throws IOException {
        return Files.writeString(dir.resolve(dataset + "." + policy + ".jsonl"), String.join("\n", lines) + "\n");
    }
}
