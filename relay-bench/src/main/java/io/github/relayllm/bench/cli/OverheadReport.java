package io.github.relayllm.bench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.relayllm.bench.perf.OverheadSample;
import io.github.relayllm.bench.perf.PartTime;
import io.github.relayllm.bench.perf.Spread;
import io.github.relayllm.core.relay.CatchUpPolicy;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The samples of {@code relay bench-relay} for one catch-up policy, as a table or JSON: each part's
 * time and tokens, the parts' sum and the overhead, as median, least and greatest over the samples.
 * The JSON field names are part of the tool's output (outside tools parse them).
 *
 * @param policy the catch-up policy measured
 * @param samples the measured repeats (at least one)
 */
record OverheadReport(CatchUpPolicy policy, List<OverheadSample> samples) {
    /** The request and its parts: a table row each, {@code NAME_ms} and {@code NAME_tokens} in JSON. */
    private static final List<Part> PARTS = List.of(
            new Part(
                    "total",
                    "request (total)",
                    s -> new PartTime(
                            s.totalNanos(),
                            s.accounting().slmGeneratedTokens() + s.accounting().llmGeneratedTokens())),
            new Part("slm_decode", "SLM decode", s -> s.slm().decode()),
            new Part("llm_decode", "LLM decode", s -> s.llm().decode()),
            new Part("slm_prefill", "SLM prefill", s -> s.slm().prefill()),
            new Part("llm_prefill", "LLM prefill", s -> s.llm().prefill()),
            new Part("llm_catch_up", "LLM eager catch-up", s -> s.llm().catchUp()),
            new Part(
                    "parts",
                    "parts (sum)",
                    s -> new PartTime(
                            s.partsNanos(),
                            s.slm().decode().tokens() + s.llm().decode().tokens())));

    /** Shares of the total, in percent: a table row each, {@code NAME_percent} in JSON. */
    private static final List<Share> SHARES = List.of(
            new Share("overhead", "overhead (total - parts) / total", OverheadSample::overhead),
            new Share("unattributed", "unattributed by the relay's own timers", OverheadSample::unattributed));

    /** Counts that do not vary between greedy repeats, reported once from the first sample. */
    private static final List<Count> COUNTS = List.of(
            new Count("calls", s -> s.accounting().calls()),
            new Count("slm_tokens", s -> s.accounting().slmGeneratedTokens()),
            new Count("llm_tokens", s -> s.accounting().llmGeneratedTokens()),
            new Count("llm_unused_prefill_tokens", s -> s.accounting().llmUnusedPrefillTokens()),
            new Count("diverged_tokens", s -> s.divergedTokens()));

    OverheadReport {
        samples = List.copyOf(samples);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one sample");
        }
    }

    void print(PrintWriter out) {
        OverheadSample first = samples.getFirst();
        out.printf(
                Locale.ROOT,
                "%s catch-up%s: %d calls, %d SLM + %d LLM tokens, %d LLM prefill positions unused%n",
                policy.name(),
                policy instanceof CatchUpPolicy.Eager eager ? " every " + eager.chunkTokens() + " SLM tokens" : "",
                first.accounting().calls(),
                first.accounting().slmGeneratedTokens(),
                first.accounting().llmGeneratedTokens(),
                first.accounting().llmUnusedPrefillTokens());
        TextTable table = new TextTable("part", ">tokens", ">median ms", ">min ms", ">max ms");
        for (Part part : PARTS) {
            if (part.json().equals("llm_catch_up") && !(policy instanceof CatchUpPolicy.Eager)) {
                continue; // always empty
            }
            Spread millis = spread(s -> part.time().apply(s).millis());
            Spread tokens = spread(s -> part.time().apply(s).tokens());
            table.row(
                    part.label(),
                    format("%.0f", tokens.median()),
                    ms(millis.median()),
                    ms(millis.min()),
                    ms(millis.max()));
        }
        for (Share share : SHARES) {
            Spread percent = spread(s -> 100 * share.value().applyAsDouble(s));
            table.row(
                    share.label(),
                    "",
                    format("%.2f%%", percent.median()),
                    format("%.2f%%", percent.min()),
                    format("%.2f%%", percent.max()));
        }
        table.print(out, "  ");
    }

    ObjectNode json() {
        ObjectNode report = JsonOutput.object();
        report.put("catch_up", policy.name());
        if (policy instanceof CatchUpPolicy.Eager eager) {
            report.put("eager_chunk", eager.chunkTokens());
        }
        COUNTS.forEach(c -> report.put(c.json(), c.value().applyAsLong(samples.getFirst())));
        ObjectNode median = report.putObject("median");
        ObjectNode min = report.putObject("min");
        ObjectNode max = report.putObject("max");
        for (Part part : PARTS) {
            for (String unit : List.of("ms", "tokens")) {
                ToDoubleFunction<OverheadSample> value = unit.equals("ms")
                        ? s -> part.time().apply(s).millis()
                        : s -> part.time().apply(s).tokens();
                put(part.json() + "_" + unit, spread(value), median, min, max);
            }
        }
        for (Share share : SHARES) {
            put(share.json() + "_percent", spread(s -> 100 * share.value().applyAsDouble(s)), median, min, max);
        }
        ArrayNode list = report.putArray("samples");
        for (OverheadSample sample : samples) {
            ObjectNode object = list.addObject();
            for (Part part : PARTS) {
                object.put(part.json() + "_ms", part.time().apply(sample).millis());
                object.put(part.json() + "_tokens", part.time().apply(sample).tokens());
            }
            SHARES.forEach(
                    s -> object.put(s.json() + "_percent", 100 * s.value().applyAsDouble(sample)));
            COUNTS.forEach(c -> object.put(c.json(), c.value().applyAsLong(sample)));
        }
        return report;
    }

    private Spread spread(ToDoubleFunction<OverheadSample> value) {
        return Spread.of(samples.stream().mapToDouble(value).toArray());
    }

    private static void put(String field, Spread spread, ObjectNode median, ObjectNode min, ObjectNode max) {
        median.put(field, spread.median());
        min.put(field, spread.min());
        max.put(field, spread.max());
    }

    private static String ms(double millis) {
        return format("%.1f", millis);
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }

    private record Part(String json, String label, Function<OverheadSample, PartTime> time) {}

    private record Share(String json, String label, ToDoubleFunction<OverheadSample> value) {}

    private record Count(String json, ToLongFunction<OverheadSample> value) {}
}
