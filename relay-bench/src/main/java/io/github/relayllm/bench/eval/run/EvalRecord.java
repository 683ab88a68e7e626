package io.github.relayllm.bench.eval.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.relayllm.bench.eval.dataset.EvalSample;
import io.github.relayllm.bench.eval.grading.ExtractionMode;
import io.github.relayllm.bench.eval.grading.MathEquivalence;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;

/**
 * One finished request as a line of a result file: which sample, the response, both extractions and
 * their grades, and the request's counters. The field names and their order are a format that the
 * report reads; change them only together with it.
 *
 * @param id the item's id, always written as a JSON string
 * @param extracted the {@link ExtractionMode#STRICT} answer, null when the response has no box
 * @param extractedReference the {@link ExtractionMode#REFERENCE} answer, null when there is none
 * @param correct whether {@code extracted} is equivalent to {@code gold}; false when it is null
 * @param correctReference the same for {@code extractedReference}
 * @param judgeCorrect an LLM judge's verdict, null unless a judge gave one; only a line that is not
 *     {@code correct} is judged
 * @param counters the responder's answer with its counters; its text is {@code response}
 * @param wallMs the request's wall time in milliseconds
 */
public record EvalRecord(
        String dataset,
        String policy,
        String id,
        int repeat,
        long seed,
        String response,
        String extracted,
        String extractedReference,
        String gold,
        boolean correct,
        boolean correctReference,
        Boolean judgeCorrect,
        Response counters,
        double wallMs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public EvalRecord {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(gold, "gold");
        Objects.requireNonNull(counters, "counters");
        if (!response.equals(counters.text())) {
            throw new IllegalArgumentException("response must be the text of counters");
        }
    }

    /** Grades {@code response} to {@code sample} with both extraction modes. Cost: two gradings. */
    public static EvalRecord graded(
            String dataset, String policy, EvalSample sample, Response response, double wallMs) {
        String gold = sample.item().goldAnswer();
        Optional<String> strict = ExtractionMode.STRICT.extract(response.text());
        Optional<String> reference = ExtractionMode.REFERENCE.extract(response.text());
        return new EvalRecord(
                dataset,
                policy,
                sample.item().id(),
                sample.repeat(),
                sample.seed(),
                response.text(),
                strict.orElse(null),
                reference.orElse(null),
                gold,
                strict.map(answer -> MathEquivalence.equivalent(answer, gold)).orElse(false),
                reference
                        .map(answer -> MathEquivalence.equivalent(answer, gold))
                        .orElse(false),
                null,
                response,
                wallMs);
    }

    /** This record with the judge's verdict, null for none; nothing else changes, {@code correct} least of all. */
    public EvalRecord withJudgeCorrect(Boolean verdict) {
        return new EvalRecord(
                dataset,
                policy,
                id,
                repeat,
                seed,
                response,
                extracted,
                extractedReference,
                gold,
                correct,
                correctReference,
                verdict,
                counters,
                wallMs);
    }

    /** Correct by the grader, or else by the judge: what the report counts as judge accuracy. */
    public boolean correctOrJudged() {
        return correct || Boolean.TRUE.equals(judgeCorrect);
    }

    /** The line, without its newline. */
    public String toJsonLine() {
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        row.put("dataset", dataset);
        row.put("policy", policy);
        row.put("id", id);
        row.put("repeat", repeat);
        row.put("seed", seed);
        row.put("response", response);
        row.put("extracted", extracted);
        row.put("extracted_reference", extractedReference);
        row.put("gold", gold);
        row.put("correct", correct);
        row.put("correct_reference", correctReference);
        row.put("judge_correct", judgeCorrect);
        row.put("status", counters.status().jsonName());
        row.put("turns", counters.turns());
        row.put("calls", counters.calls());
        row.put("generated_tokens", counters.generatedTokens());
        row.put("slm_generated_tokens", counters.slmGeneratedTokens());
        row.put("llm_generated_tokens", counters.llmGeneratedTokens());
        row.put("slm_prefill_tokens", counters.slmPrefillTokens());
        row.put("llm_prefill_tokens", counters.llmPrefillTokens());
        row.put("call_ratio", counters.callRatio());
        row.put("wall_ms", wallMs);
        try {
            return JSON.writeValueAsString(row);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a tree of strings and numbers", e);
        }
    }
}
