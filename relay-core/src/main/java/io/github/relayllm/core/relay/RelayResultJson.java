package io.github.relayllm.core.relay;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.relayllm.core.relay.protocol.ProtocolOutcome;

/**
 * A relay result as JSON under the names of DESIGN.md §8 and the golden scenarios: {@code
 * final_answer, status, turns, calls, generated_tokens, slm_generated_tokens, llm_generated_tokens,
 * slm_prefill_tokens, llm_prefill_tokens, call_ratio, timings} and a trace summary. {@code relay run
 * --json} prints it; evaluation files hold one per line.
 */
public final class RelayResultJson {
    private RelayResultJson() {}

    public static ObjectNode toJson(RelayResult result) {
        ProtocolOutcome outcome = result.outcome();
        RelayAccounting accounting = result.accounting();
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("final_answer", outcome.finalAnswer());
        root.put("status", outcome.status().jsonName());
        root.put("end", outcome.end().jsonName());
        root.put("policy", result.policy());
        root.put("turns", outcome.turns());
        root.put("calls", outcome.calls());
        root.put("generated_tokens", outcome.generatedTokens());
        root.put("slm_generated_tokens", outcome.slmGeneratedTokens());
        root.put("llm_generated_tokens", outcome.llmGeneratedTokens());
        root.put("slm_prefill_tokens", accounting.slmPrefillTokens());
        root.put("llm_prefill_tokens", accounting.llmPrefillTokens());
        root.put("llm_unused_prefill_tokens", accounting.llmUnusedPrefillTokens());
        root.put("requested_call_tokens", accounting.requestedCallTokens());
        root.put("received_call_tokens", accounting.receivedCallTokens());
        root.put("call_ratio", accounting.callRatio());
        root.set("timings", timings(accounting.timings()));
        root.set("trace", traceSummary(result.trace()));
        return root;
    }

    static ObjectNode timings(RelayTimings t) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("total_ms", t.totalNanos() / 1e6);
        node.put("slm_ms", t.slmNanos() / 1e6);
        node.put("llm_ms", t.llmNanos() / 1e6);
        node.put("slm_prefill_ms", t.slmPrefillNanos() / 1e6);
        node.put("slm_decode_ms", t.slmDecodeNanos() / 1e6);
        node.put("llm_prefill_ms", t.llmPrefillNanos() / 1e6);
        node.put("llm_decode_ms", t.llmDecodeNanos() / 1e6);
        node.put("catch_up_ms", t.catchUpNanos() / 1e6);
        node.put("remote_ms", t.remoteNanos() / 1e6);
        node.put("scheduler_ms", t.schedulerNanos() / 1e6);
        return node;
    }

    static ObjectNode traceSummary(RelayTrace trace) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("segments", trace.segments().size());
        node.put("hand_offs", trace.handOffs().size());
        node.put("slm_tokens", trace.tokens(Author.SLM));
        node.put("llm_tokens", trace.tokens(Author.LLM));
        return node;
    }
}
