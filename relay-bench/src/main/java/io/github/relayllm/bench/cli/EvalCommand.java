package io.github.relayllm.bench.cli;

import io.github.relayllm.bench.eval.dataset.Benchmark;
import io.github.relayllm.bench.eval.dataset.Dataset;
import io.github.relayllm.bench.eval.dataset.DatasetItem;
import io.github.relayllm.bench.eval.dataset.EvalPrompt;
import io.github.relayllm.bench.eval.dataset.EvalSample;
import io.github.relayllm.bench.eval.judge.ChatOptions;
import io.github.relayllm.bench.eval.judge.Judge;
import io.github.relayllm.bench.eval.run.DatasetScore;
import io.github.relayllm.bench.eval.run.EvalRunner;
import io.github.relayllm.bench.eval.run.RelayResponder;
import io.github.relayllm.bench.eval.run.Responder;
import io.github.relayllm.bench.eval.run.ScriptedResponder;
import io.github.relayllm.core.Model;
import io.github.relayllm.core.ModelOptions;
import io.github.relayllm.core.batch.SchedulerStats;
import io.github.relayllm.core.batch.StepScheduler;
import io.github.relayllm.core.relay.Relay;
import io.github.relayllm.core.relay.RelayOptions;
import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.Backends;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code relay eval --slm A --llm B --dataset math500=PATH ... --out DIR}: every sample of every
 * dataset through a relay request (or, with {@code --responder gold|wrong}, a scripted answer),
 * graded and written to {@code DIR/<dataset>.<policy>.jsonl}, one line per finished request. A rerun
 * resumes: samples already in a file are skipped. {@code --seed} is the base seed from which every
 * sample's own seed is drawn. Progress goes to stderr, one summary line per dataset to stdout.
 *
 * <p>Model-backed requests run {@code --concurrency} at a time (default {@value
 * #DEFAULT_MODEL_CONCURRENCY}) on threads of their own, while a {@link StepScheduler} on the thread that
 * loaded the models runs their steps and batches each model's decodes; its tally goes to stderr at the
 * end. The lines are the same as one at a time would write (in finishing order).
 *
 * <p>{@code --judge-url URL} adds the optional second-stage judge: every answer of the run that the
 * grader marks wrong is shown to a judge model at that OpenAI-compatible chat endpoint, whose verdict
 * goes into the line's {@code judge_correct}; the judge's score and failures get their own part of the
 * summary line.
 */
@Command(
        name = "eval",
        description = "Evaluate a policy on math benchmarks: one graded JSON line per request, resumable.",
        mixinStandardHelpOptions = true,
        sortOptions = false)
final class EvalCommand implements Callable<Integer> {
    /** The environment variable holding the judge's API key: kept off the command line and out of logs. */
    static final String JUDGE_API_KEY = "RELAY_JUDGE_API_KEY";

    /**
     * Model-backed requests at once unless told: as many as one decode step holds by default ({@code
     * --max-batch}).
     */
    static final int DEFAULT_MODEL_CONCURRENCY = 8;

    @Option(names = "--slm", paramLabel = "MODEL", description = "The small model (GGUF or HF directory).")
    Path slm;

    @Option(names = "--llm", paramLabel = "MODEL", description = "The large model, loaded in this process.")
    Path llm;

    @Option(
            names = "--llm-url",
            paramLabel = "URL",
            description = "The large model behind an OpenAI-compatible server.")
    URI llmUrl;

    @Option(
            names = "--responder",
            paramLabel = "NAME",
            description = "gold or wrong: scripted answers instead of models, to test the pipeline.")
    String responder;

    @Option(
            names = "--dataset",
            required = true,
            paramLabel = "KEY=PATH",
            description = "A benchmark (math500, gsm8k, minerva, olympiadbench, aime24, aime25) and its JSONL file;"
                    + " repeatable.")
    List<String> datasets;

    @Option(
            names = "--repeats",
            paramLabel = "N",
            description = "Samples per problem (default: the benchmark's, 32 for AIME, else 1).")
    Integer repeats;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N problems of each dataset.")
    Integer limit;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the result files go.")
    Path out;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            description = "Requests at once (default: " + DEFAULT_MODEL_CONCURRENCY + " with models, whose decodes"
                    + " then share steps; the number of cores for --responder).")
    Integer concurrency;

    @Option(
            names = "--judge-url",
            paramLabel = "URL",
            description = "Re-ask every wrong answer to a judge model at this OpenAI-compatible chat endpoint"
                    + " (off by default); its verdict goes into judge_correct.")
    URI judgeUrl;

    @Option(
            names = "--judge-model",
            paramLabel = "NAME",
            description = "The judge's model name, sent as \"model\" (the paper used gpt-4o-mini).")
    String judgeModel;

    @Option(
            names = "--judge-timeout",
            paramLabel = "SECONDS",
            description = "The longest wait for one judge attempt (default: ${DEFAULT-VALUE}); 3 attempts at most.",
            defaultValue = "60")
    double judgeTimeout;

    @Mixin
    RelayOptionsMixin relayOptions;

    @Mixin
    ModelOptionsMixin modelOptions;

    @Spec
    CommandSpec spec;

    /** A dataset to run: its benchmark and file. */
    record DatasetArg(Benchmark benchmark, Path file) {}

    @Override
    public Integer call() throws Exception {
        List<DatasetArg> args = parseDatasets();
        checkCounts();
        boolean scripted = responder != null;
        if (scripted == (slm != null)) {
            throw usage("give either --responder or --slm with --llm or --llm-url");
        }
        if (scripted && (llm != null || llmUrl != null)) {
            throw usage("--responder runs no model: drop --llm and --llm-url");
        }
        if (scripted && spec.commandLine().getParseResult().hasMatchedOption("--policy")) {
            throw usage("--responder answers without a policy: drop --policy");
        }
        if (!scripted && (llm == null) == (llmUrl == null)) {
            throw usage("give exactly one of --llm and --llm-url");
        }
        Optional<ChatOptions> judgeOptions = judgeOptions();
        RelayOptions options = relayOptions.toOptions();
        List<Dataset> loaded = new ArrayList<>();
        for (DatasetArg arg : args) {
            loaded.add(load(arg));
        }
        if (scripted) {
            int threads =
                    concurrency != null ? concurrency : Runtime.getRuntime().availableProcessors();
            return evaluate(scriptedResponder(), threads, loaded, judgeOptions);
        }
        ModelOptions modelOpts = modelOptions.toOptions();
        try (Backend backend = Backends.create(modelOpts.backend(), modelOpts.backendOptions());
                Model small = Model.load(slm, backend, modelOpts);
                RunCommand.LoadedLlm large = RunCommand.LoadedLlm.open(llm, llmUrl, backend, modelOpts)) {
            Relay relay = new Relay(small, large.side());
            int threads = concurrency != null ? concurrency : DEFAULT_MODEL_CONCURRENCY;
            try (StepScheduler scheduler = new StepScheduler()) {
                Optional<StepScheduler> batching = threads > 1 ? Optional.of(scheduler) : Optional.empty();
                int status = evaluate(
                        new RelayResponder(relay, batching, options, relayOptions.policyLabel(), EvalPrompt.PAPER),
                        threads,
                        loaded,
                        judgeOptions);
                if (batching.isPresent()) {
                    spec.commandLine().getErr().println(schedulerSummary(scheduler.stats()));
                }
                return status;
            }
        }
    }

    private int evaluate(Responder answering, int threads, List<Dataset> loaded, Optional<ChatOptions> judging)
            throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        // A null resource is allowed and skipped: no judge, nothing to close.
        try (Judge judge = judging.map(Judge::new).orElse(null)) {
            EvalRunner runner =
                    new EvalRunner(answering, threads, spec.commandLine().getErr(), Optional.ofNullable(judge));
            for (Dataset dataset : loaded) {
                int n = repeats != null ? repeats : dataset.defaultRepeats();
                List<EvalSample> samples = dataset.samples(n, relayOptions.seed);
                DatasetScore score = runner.run(dataset.key(), samples, out);
                stdout.println(score.summary());
                stdout.flush();
            }
        }
        return 0;
    }

    static String schedulerSummary(SchedulerStats stats) {
        return String.format(
                        Locale.ROOT,
                        "scheduler: %d decode steps, %.2f sequences per step on average (largest %d), %d prefills,"
                                + " %d preemptions (%d positions recomputed), %d steps put off for KV blocks",
                        stats.decodeSteps(),
                        stats.meanBatch(),
                        stats.largestBatch(),
                        stats.prefills(),
                        stats.preemptions(),
                        stats.recomputedTokens(),
                        stats.waitsForBlocks())
                + (stats.preemptions() > 0 ? "; a larger --cache-tokens would avoid the recomputation" : "");
    }

    /** The judge's endpoint and timeouts, when {@code --judge-url} asks for one. */
    private Optional<ChatOptions> judgeOptions() {
        var parsed = spec.commandLine().getParseResult();
        if (judgeUrl == null) {
            if (judgeModel != null || parsed.hasMatchedOption("--judge-timeout")) {
                throw usage("--judge-model and --judge-timeout need --judge-url");
            }
            return Optional.empty();
        }
        if (!(judgeTimeout > 0) || Double.isInfinite(judgeTimeout)) {
            throw usage("--judge-timeout must be a positive number of seconds, not " + judgeTimeout);
        }
        if (judgeModel != null && judgeModel.isBlank()) {
            throw usage("--judge-model must not be blank");
        }
        Duration timeout = Duration.ofNanos(Math.max(1_000_000L, Math.round(judgeTimeout * 1e9)));
        try {
            ChatOptions options = ChatOptions.of(judgeUrl, Optional.ofNullable(judgeModel), timeout);
            String key = System.getenv(JUDGE_API_KEY);
            return Optional.of(key == null || key.isBlank() ? options : options.withApiKey(key));
        } catch (IllegalArgumentException e) {
            throw usage("--judge-url: " + e.getMessage());
        }
    }

    /** The dataset with its benchmark's default repeats, cut to the first {@code --limit} items. */
    private Dataset load(DatasetArg arg) throws IOException {
        Dataset dataset =
                Dataset.load(arg.benchmark().key(), arg.file(), arg.benchmark().layout());
        List<DatasetItem> items = dataset.items();
        if (limit != null && limit < items.size()) {
            items = items.subList(0, limit);
        }
        return new Dataset(dataset.key(), dataset.file(), arg.benchmark().defaultRepeats(), items);
    }

    private ScriptedResponder scriptedResponder() {
        return switch (responder.toLowerCase(Locale.ROOT)) {
            case "gold" -> ScriptedResponder.GOLD;
            case "wrong" -> ScriptedResponder.WRONG;
            default -> throw usage("--responder must be gold or wrong, not '" + responder + "'");
        };
    }

    private List<DatasetArg> parseDatasets() {
        List<DatasetArg> parsed = new ArrayList<>();
        Set<Benchmark> seen = new HashSet<>();
        for (String value : datasets) {
            int eq = value.indexOf('=');
            if (eq <= 0 || eq == value.length() - 1) {
                throw usage(
                        "--dataset expects KEY=PATH, e.g. math500=datasets/math500.test.jsonl, not '" + value + "'");
            }
            Benchmark benchmark;
            try {
                benchmark = Benchmark.ofKey(value.substring(0, eq));
            } catch (IllegalArgumentException e) {
                throw usage("--dataset: " + e.getMessage());
            }
            if (!seen.add(benchmark)) {
                throw usage("--dataset " + benchmark.key() + " is given twice");
            }
            parsed.add(new DatasetArg(benchmark, Path.of(value.substring(eq + 1))));
        }
        return parsed;
    }

    private void checkCounts() {
        if (repeats != null && repeats < 1) {
            throw usage("--repeats must be >= 1, not " + repeats);
        }
        if (limit != null && limit < 1) {
            throw usage("--limit must be >= 1, not " + limit);
        }
        if (concurrency != null && concurrency < 1) {
            throw usage("--concurrency must be >= 1, not " + concurrency);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
