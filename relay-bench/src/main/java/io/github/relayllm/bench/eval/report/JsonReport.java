package io.github.relayllm.bench.eval.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders an {@link EvaluationReport} as one JSON document for tools. Field names are spelled out here
 * (snake_case, like the run files) because outside tools parse them. Unlike the markdown, accuracies
 * and call ratios are fractions in [0, 1] (as {@code call_ratio} is in the run files); the paper's
 * published points are converted to fractions too. A missing judge accuracy is {@code null}.
 */
public final class JsonReport {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonReport() {}

    public static ObjectNode render(EvaluationReport report) {
        ObjectNode root = NODES.objectNode();
        root.put("directory", report.directory().toString());
        root.put("average", "unweighted mean over benchmarks of each benchmark's figure; requests is the total");
        ArrayNode benchmarks = root.putArray("benchmarks");
        report.benchmarks().forEach(benchmarks::add);
        ArrayNode policies = root.putArray("policies");
        for (PolicyReport policy : report.policies()) {
            ObjectNode node = policies.addObject();
            node.put("policy", policy.policy());
            node.put("sweep", policy.sweepFamily().orElse(null));
            ObjectNode perBenchmark = node.putObject("benchmarks");
            policy.benchmarks().forEach((key, figures) -> perBenchmark.set(key, figures(figures)));
            node.set("average", figures(policy.average()));
        }
        ArrayNode published = root.putArray("published");
        for (PublishedResult result : PublishedResult.PAPER) {
            ObjectNode node = published.addObject();
            node.put("label", result.label());
            node.put("accuracy", result.accuracyPercent() / 100);
            if (result.callRatioPercent().isPresent()) {
                node.put("call_ratio", result.callRatioPercent().getAsDouble() / 100);
            } else {
                node.putNull("call_ratio");
            }
            node.put("grading", "rule-based + LLM judge (gpt-4o-mini)");
        }
        ArrayNode skipped = root.putArray("skipped");
        for (SkippedFile file : report.skipped()) {
            skipped.addObject().put("file", file.file().toString()).put("reason", file.reason());
        }
        return root;
    }

    private static ObjectNode figures(BenchmarkFigures f) {
        ObjectNode node = NODES.objectNode();
        node.put("requests", f.requests());
        node.put("accuracy", f.accuracy());
        node.put("accuracy_reference", f.referenceAccuracy());
        if (f.judgeAccuracy().isPresent()) {
            node.put("accuracy_judge", f.judgeAccuracy().getAsDouble());
        } else {
            node.putNull("accuracy_judge");
        }
        node.put("call_ratio", f.callRatio());
        node.put("calls_per_problem", f.callsPerRequest());
        node.put("slm_generated_tokens", f.slmGeneratedTokens());
        node.put("llm_generated_tokens", f.llmGeneratedTokens());
        node.put("slm_prefill_tokens", f.slmPrefillTokens());
        node.put("llm_prefill_tokens", f.llmPrefillTokens());
        node.put("wall_ms_total", f.wallMsTotal());
        node.put("wall_ms_mean", f.wallMsMean());
        return node;
    }
}
