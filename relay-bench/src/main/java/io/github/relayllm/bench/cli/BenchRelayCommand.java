package io.github.relayllm.bench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.relayllm.bench.perf.OverheadSample;
import io.github.relayllm.bench.perf.RelayOverhead;
import io.github.relayllm.core.Model;
import io.github.relayllm.core.ModelOptions;
import io.github.relayllm.core.relay.CatchUpPolicy;
import io.github.relayllm.core.relay.RelayOptions;
import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.Backends;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code relay bench-relay --slm A --llm B}: the relay scheduler's overhead. Each repeat runs one
 * relay request with scripted calls ({@code <call>N</call>} after every {@code --call-every} SLM
 * tokens, {@code -n} tokens in all) and replays each model's share of it alone, interleaved with the
 * request's tokens ({@link RelayOverhead}), and reports the request's time, the parts' times and
 * {@code (total - parts) / total}: median, least and greatest over the repeats, after one unmeasured
 * warm-up. Both models share one backend, as in a relay. Results go to stdout, progress to stderr.
 */
@Command(
        name = "bench-relay",
        description = "Measure the relay scheduler's overhead: a relay request against its parts replayed alone.",
        mixinStandardHelpOptions = true,
        sortOptions = false)
final class BenchRelayCommand implements Callable<Integer> {
    @Option(names = "--slm", required = true, paramLabel = "MODEL", description = "The small model.")
    Path slmPath;

    @Option(names = "--llm", required = true, paramLabel = "MODEL", description = "The large model.")
    Path llmPath;

    @Option(
            names = "--call-every",
            paramLabel = "M",
            defaultValue = "200",
            description = "SLM tokens between calls (default: ${DEFAULT-VALUE}).")
    int callEvery;

    @Option(
            names = "--call-tokens",
            paramLabel = "N",
            defaultValue = "20",
            description = "The N of each call (default: ${DEFAULT-VALUE}).")
    int callTokens;

    @Option(
            names = {"-n", "--n-gen"},
            defaultValue = "1000",
            description = "Tokens both models generate together (default: ${DEFAULT-VALUE}).")
    int tokens;

    @Option(
            names = {"-r", "--repetitions"},
            defaultValue = "3",
            description = "Measured repeats per catch-up policy (default: ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(
            names = "--catch-up",
            paramLabel = "lazy|eager|both",
            defaultValue = "lazy",
            description = "Catch-up policies to measure (default: ${DEFAULT-VALUE}).")
    String catchUp;

    @Option(
            names = "--eager-chunk",
            paramLabel = "K",
            defaultValue = "32",
            description = "Eager catch-up prefills after every K SLM tokens (default: ${DEFAULT-VALUE}).")
    int eagerChunk;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Mixin
    ModelOptionsMixin modelOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (callEvery < 1 || callTokens < 1 || tokens < 1 || repetitions < 1 || eagerChunk < 1) {
            throw new ParameterException(
                    spec.commandLine(), "--call-every, --call-tokens, -n, -r and --eager-chunk must be at least 1");
        }
        List<CatchUpPolicy> policies = switch (catchUp) {
            case "lazy" -> List.of(CatchUpPolicy.LAZY);
            case "eager" -> List.of(new CatchUpPolicy.Eager(eagerChunk));
            case "both" -> List.of(CatchUpPolicy.LAZY, new CatchUpPolicy.Eager(eagerChunk));
            default ->
                throw new ParameterException(
                        spec.commandLine(), "--catch-up must be lazy, eager or both, not " + catchUp);
        };
        ModelOptions given = modelOptions.toOptions();
        // A sample's relay and its replay hold a sequence each in every model's cache at once.
        int context = given.contextLimit() > 0 ? given.contextLimit() : ModelOptions.DEFAULT_CONTEXT_LIMIT;
        ModelOptions options = given.withCacheTokens(2 * context);
        PrintWriter err = spec.commandLine().getErr();
        List<OverheadReport> reports = new ArrayList<>();
        try (Backend backend = Backends.create(options.backend(), options.backendOptions());
                Model slm = Model.load(slmPath, backend, options);
                Model llm = Model.load(llmPath, backend, options)) {
            for (CatchUpPolicy policy : policies) {
                RelayOptions relayOptions = RelayOverhead.scripted(callEvery, callTokens, tokens, policy);
                reports.add(measure(new RelayOverhead(slm, llm, relayOptions), err));
            }
        }
        print(options, reports);
        return 0;
    }

    private OverheadReport measure(RelayOverhead overhead, PrintWriter err) {
        String name = overhead.options().catchUp().name();
        report(err, name + " warm-up (replayed after it)", overhead.warmUp());
        List<OverheadSample> samples = new ArrayList<>();
        for (int run = 1; run <= repetitions; run++) {
            OverheadSample sample = overhead.sample();
            report(err, name + " repeat " + run + "/" + repetitions, sample);
            samples.add(sample);
        }
        return new OverheadReport(overhead.options().catchUp(), samples);
    }

    private static void report(PrintWriter err, String what, OverheadSample sample) {
        err.printf(
                Locale.ROOT,
                "%s: total %.0f ms, parts %.0f ms, overhead %.2f%%%n",
                what,
                sample.totalNanos() / 1e6,
                sample.partsNanos() / 1e6,
                100 * sample.overhead());
        if (sample.divergedTokens() > 0) {
            err.printf(
                    "warning: %d replayed tokens differ from the relay's: the replay did not compute what the relay"
                            + " did%n",
                    sample.divergedTokens());
        }
        err.flush();
    }

    private void print(ModelOptions options, List<OverheadReport> reports) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode document = JsonOutput.object();
            document.put("slm", slmPath.toString());
            document.put("llm", llmPath.toString());
            document.put("backend", options.backend());
            document.put("n_threads", options.threads());
            document.put("call_every", callEvery);
            document.put("call_tokens", callTokens);
            document.put("n_gen", tokens);
            document.put("repetitions", repetitions);
            ArrayNode policies = document.putArray("catch_up");
            reports.forEach(r -> policies.add(r.json()));
            JsonOutput.print(out, document);
            return;
        }
        out.printf(
                Locale.ROOT,
                "relay overhead: SLM %s, LLM %s, %s backend, %d thread%s; a call of %d after every %d SLM tokens,"
                        + " %d tokens; median (min - max) of %d repeats after a warm-up%n",
                slmPath.getFileName(),
                llmPath.getFileName(),
                options.backend(),
                options.threads(),
                options.threads() == 1 ? "" : "s",
                callTokens,
                callEvery,
                tokens,
                repetitions);
        for (OverheadReport report : reports) {
            out.println();
            report.print(out);
        }
        out.flush();
    }
}
