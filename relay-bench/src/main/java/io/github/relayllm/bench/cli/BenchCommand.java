package io.github.relayllm.bench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.relayllm.bench.perf.BandwidthProbe;
import io.github.relayllm.core.Model;
import io.github.relayllm.core.ModelOptions;
import io.github.relayllm.core.runtime.OpProfile;
import io.github.relayllm.core.runtime.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code relay bench MODEL -p 128 -n 32 -r 5}: prompt processing and text generation speed, measured
 * as llama.cpp's llama-bench measures them, so the two can be compared on one machine: a {@code pp}
 * test prefills {@code p} random tokens into an empty cache; a {@code tg} test decodes {@code n}
 * tokens one at a time after a single one; each runs {@code r} times after a warm-up run, and the
 * table gives the mean and standard deviation of tokens per second.
 */
@Command(
        name = "bench",
        description = "Measure prompt processing (pp) and generation (tg) speed, llama-bench style.",
        mixinStandardHelpOptions = true,
        sortOptions = false)
final class BenchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "GGUF file or Hugging Face directory.")
    Path model;

    @Option(
            names = {"-p", "--n-prompt"},
            defaultValue = "512",
            description = "Prompt tokens of the pp test; 0 skips it (default: ${DEFAULT-VALUE}).")
    int promptTokens;

    @Option(
            names = {"-n", "--n-gen"},
            defaultValue = "128",
            description = "Tokens of the tg test; 0 skips it (default: ${DEFAULT-VALUE}).")
    int generatedTokens;

    @Option(
            names = {"-r", "--repetitions"},
            defaultValue = "5",
            description = "Runs per test (default: ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(
            names = {"-d", "--n-depth"},
            paramLabel = "N",
            defaultValue = "0",
            description = "Tokens already in each sequence's context when a test starts, prefilled before the"
                    + " clock starts (llama-bench's depth): attention then reads N more cached positions a"
                    + " token. Tests are named like 'tg128 @ d512' (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(
            names = "--parallel",
            paramLabel = "N",
            defaultValue = "1",
            description = "Sequences the tg test decodes together, one batched step per token; t/s counts all"
                    + " of them (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(
            names = "--bandwidth",
            description = "Also measure the machine's memory read bandwidth with the same threads, and report "
                    + "decode speed as a fraction of the limit it sets (weight bytes read per token).")
    boolean bandwidth;

    @Option(
            names = "--profile",
            description = "After each test's runs, run it once more timing every op, and print where a step's time"
                    + " goes: ops grouped by kind and weight, ms per step, and the rate matmuls read their weights"
                    + " at. The t/s columns never include that run (a device backend waits after each op in it).")
    boolean profile;

    @Option(names = "--json", description = "Print a JSON list, one object per test (llama-bench field names).")
    boolean json;

    @Mixin
    ModelOptionsMixin modelOptions;

    @Spec
    CommandSpec spec;

    /** One test's result, with the op profile of one extra run when {@code --profile} asked for it. */
    record Result(String test, int prompt, int generated, List<Double> tokensPerSecond, Optional<OpProfile> profile) {
        boolean isDecode() {
            return prompt == 0;
        }

        double mean() {
            return tokensPerSecond.stream()
                    .mapToDouble(Double::doubleValue)
                    .average()
                    .orElse(0);
        }

        double standardDeviation() {
            double mean = mean();
            int n = tokensPerSecond.size();
            if (n < 2) {
                return 0;
            }
            double squares = tokensPerSecond.stream()
                    .mapToDouble(t -> (t - mean) * (t - mean))
                    .sum();
            return Math.sqrt(squares / (n - 1));
        }
    }

    @Override
    public Integer call() throws Exception {
        if (promptTokens < 0 || generatedTokens < 0 || repetitions < 1 || promptTokens + generatedTokens == 0) {
            throw new ParameterException(
                    spec.commandLine(), "-p and -n must not be negative, not both 0; -r at least 1");
        }
        if (parallel < 1) {
            throw new ParameterException(spec.commandLine(), "--parallel must be at least 1, not " + parallel);
        }
        if (depth < 0) {
            throw new ParameterException(spec.commandLine(), "-d must not be negative, not " + depth);
        }
        int context = depth + Math.max(promptTokens, generatedTokens + 1) + 16;
        ModelOptions options = modelOptions.toOptions().withContextLimit(context);
        if (parallel > 1) {
            options = options.withCacheTokens(parallel * context).withMaxBatch(Math.max(options.maxBatch(), parallel));
        }
        // Measured before the model loads: the CPU backend's idle workers spin for a while after each
        // step, and would share the cores with the probe.
        OptionalDouble gigabytesPerSecond =
                bandwidth ? OptionalDouble.of(readBandwidth(options.threads())) : OptionalDouble.empty();
        List<Result> results = new ArrayList<>();
        try (Model loaded = Model.load(model, options)) {
            // Decode tokens per second the bandwidth allows.
            OptionalDouble limit = gigabytesPerSecond.isPresent()
                    ? OptionalDouble.of(gigabytesPerSecond.getAsDouble() * 1e9 / loaded.weightBytesPerToken())
                    : OptionalDouble.empty();
            String atDepth = depth > 0 ? " @ d" + depth : "";
            if (promptTokens > 0) {
                results.add(measure(loaded, "pp" + promptTokens + atDepth, promptTokens, 0));
            }
            if (generatedTokens > 0) {
                String test = "tg" + generatedTokens + (parallel > 1 ? "x" + parallel : "") + atDepth;
                results.add(measure(loaded, test, 0, generatedTokens));
            }
            print(loaded, options, results, limit);
        }
        return 0;
    }

    /** The memory read bandwidth with {@code threads} threads, GB/s. */
    private static double readBandwidth(int threads) throws InterruptedException {
        try (BandwidthProbe probe = new BandwidthProbe(BandwidthProbe.DEFAULT_BYTES)) {
            return probe.readGigabytesPerSecond(threads, 5);
        }
    }

    private Result measure(Model loaded, String test, int prompt, int generated) {
        List<Double> speeds = new ArrayList<>();
        for (int run = -1; run < repetitions; run++) { // run -1 warms up
            double seconds = runOnce(loaded, prompt, generated, run, false);
            if (run >= 0) {
                speeds.add((prompt + (long) generated * (prompt > 0 ? 1 : parallel)) / seconds);
            }
        }
        Optional<OpProfile> ops = Optional.empty();
        if (profile) {
            runOnce(loaded, prompt, generated, repetitions, true);
            ops = Optional.of(loaded.runner().stopProfiling());
        }
        return new Result(test, prompt, generated, speeds, ops);
    }

    /** One run of the test, prefill or decode, in seconds; when {@code profiled}, with its ops timed. */
    private double runOnce(Model loaded, int prompt, int generated, int run, boolean profiled) {
        return prompt > 0 ? prefill(loaded, prompt, run, profiled) : decode(loaded, generated, run, profiled);
    }

    /**
     * Prefills {@code tokens} random tokens after the depth's; when {@code profiled}, leaves the runner
     * profiling them.
     */
    private double prefill(Model loaded, int tokens, int run, boolean profiled) {
        int[] depthTokens = depthTokens(loaded, 0);
        int[] context = concat(depthTokens, randomTokens(loaded, tokens, run));
        try (Session session = loaded.newSession()) {
            if (depthTokens.length > 0) {
                session.evaluate(depthTokens); // a session's context is all it evaluates: this part is then reused
            }
            if (profiled) {
                loaded.runner().startProfiling();
            }
            long start = System.nanoTime();
            session.evaluate(context);
            session.argmax();
            double seconds = (System.nanoTime() - start) / 1e9;
            requireLength(session, context.length);
            return seconds;
        }
    }

    /**
     * Decodes {@code tokens} tokens in each of {@link #parallel} sequences, one step per token for all,
     * after the depth's tokens and a first one; when {@code profiled}, leaves the runner profiling those
     * steps (not the prefill).
     */
    private double decode(Model loaded, int tokens, int run, boolean profiled) {
        List<Session> sessions = new ArrayList<>();
        try {
            int[][] ids = new int[parallel][];
            for (int s = 0; s < parallel; s++) {
                ids[s] = randomTokens(loaded, tokens + 1, run * parallel + s);
                sessions.add(loaded.newSession());
                sessions.getLast().evaluate(concat(depthTokens(loaded, s), new int[] {ids[s][0]}));
            }
            int[] step = new int[parallel];
            if (profiled) {
                loaded.runner().startProfiling();
            }
            long start = System.nanoTime();
            for (int i = 1; i <= tokens; i++) {
                for (int s = 0; s < parallel; s++) {
                    step[s] = ids[s][i];
                }
                if (parallel == 1) {
                    sessions.getFirst().decode(step[0]);
                } else {
                    Session.decodeTogether(sessions, step);
                }
                for (Session session : sessions) {
                    session.argmax();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            for (Session session : sessions) {
                requireLength(session, depth + 1 + tokens);
            }
            return seconds;
        } finally {
            sessions.forEach(Session::close);
        }
    }

    /**
     * The {@code -d} tokens of context that sequence {@code sequence} of a test starts from. They are the
     * same in every run, so later runs may find them in the prompt cache (a reused prefix holds exactly
     * what a fresh prefill would), and differ between the sequences of one run, so that {@code
     * --parallel} sequences read contexts of their own, not one shared prefix.
     */
    private int[] depthTokens(Model loaded, int sequence) {
        return randomTokens(loaded, depth, -1000 - sequence);
    }

    /** Guards the numbers against a test that ran at another depth than it is named for. */
    private static void requireLength(Session session, int expected) {
        if (session.length() != expected) {
            throw new IllegalStateException(
                    "a test sequence holds %d positions, not the %d it should".formatted(session.length(), expected));
        }
    }

    private static int[] concat(int[] first, int[] second) {
        int[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static int[] randomTokens(Model loaded, int count, int run) {
        return new SplittableRandom(1234 + run)
                .ints(count, 0, loaded.config().vocabSize())
                .toArray();
    }

    private void print(Model loaded, ModelOptions options, List<Result> results, OptionalDouble decodeLimit)
            throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        String name = loaded.path().getFileName().toString();
        long size = sizeOf(loaded.path());
        long parameters = loaded.config().parameterCount();
        if (json) {
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            for (Result result : results) {
                ObjectNode test = list.addObject();
                test.put("model_filename", loaded.path().toString());
                test.put("model_type", loaded.config().architecture().id());
                test.put("model_size", size);
                test.put("model_n_params", parameters);
                test.put("backends", options.backend());
                test.put("n_threads", options.threads());
                test.put("n_batch", options.prefillChunk());
                test.put("type_k", options.cacheType().name().toLowerCase(Locale.ROOT));
                test.put("n_prompt", result.prompt());
                test.put("n_gen", result.generated());
                test.put("n_depth", depth);
                test.put("n_parallel", result.isDecode() ? parallel : 1);
                test.put("avg_ts", result.mean());
                test.put("stddev_ts", result.standardDeviation());
                if (decodeLimit.isPresent() && result.isDecode()) {
                    test.put("bandwidth_limit_ts", decodeLimit.getAsDouble());
                    test.put("bandwidth_fraction", result.mean() / decodeLimit.getAsDouble());
                }
                ArrayNode samples = test.putArray("samples_ts");
                result.tokensPerSecond().forEach(samples::add);
                result.profile().ifPresent(ops -> putProfile(test.putObject("profile"), ops));
            }
            JsonOutput.print(out, list);
            return;
        }
        List<String> columns =
                new ArrayList<>(List.of("model", ">size", ">params", "backend", ">threads", ">test", ">t/s"));
        if (decodeLimit.isPresent()) {
            columns.add(">of bandwidth limit");
        }
        TextTable table = new TextTable(columns.toArray(String[]::new));
        for (Result result : results) {
            List<Object> cells = new ArrayList<>(List.of(
                    name,
                    ByteSizes.format(size),
                    String.format(Locale.ROOT, "%.2f B", parameters / 1e9),
                    options.backend(),
                    options.threads(),
                    result.test(),
                    String.format(Locale.ROOT, "%.2f ± %.2f", result.mean(), result.standardDeviation())));
            if (decodeLimit.isPresent()) {
                cells.add(
                        result.isDecode()
                                ? String.format(
                                        Locale.ROOT,
                                        "%.0f%% of %.1f",
                                        100 * result.mean() / decodeLimit.getAsDouble(),
                                        decodeLimit.getAsDouble())
                                : "");
            }
            table.row(cells.toArray());
        }
        table.print(out, "");
        for (Result result : results) {
            result.profile().ifPresent(ops -> printProfile(out, result.test(), ops));
        }
    }

    private static void printProfile(PrintWriter out, String test, OpProfile ops) {
        out.printf(
                Locale.ROOT,
                "%n%s, one more run timed op by op: %d steps, %.3f ms per step in ops%n",
                test,
                ops.steps(),
                ops.millisPerStep());
        TextTable table = new TextTable("op", "weight", ">ops/step", ">ms/step", ">share", ">weights GB/s", ">GFLOP/s");
        for (OpProfile.Line line : ops.lines()) {
            table.row(
                    line.op(),
                    line.weight(),
                    line.opsPerStep(),
                    String.format(Locale.ROOT, "%.3f", line.millisPerStep()),
                    String.format(Locale.ROOT, "%.1f%%", 100 * line.share()),
                    oneDecimal(line.gigabytesPerSecond()),
                    oneDecimal(line.gigaflopsPerSecond()));
        }
        table.print(out, "");
    }

    private static String oneDecimal(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.1f", value.getAsDouble()) : "";
    }

    private static void putProfile(ObjectNode node, OpProfile ops) {
        node.put("steps", ops.steps());
        node.put("ms_per_step", ops.millisPerStep());
        ArrayNode lines = node.putArray("ops");
        for (OpProfile.Line line : ops.lines()) {
            ObjectNode entry = lines.addObject();
            entry.put("op", line.op());
            entry.put("weight", line.weight());
            entry.put("ops_per_step", line.opsPerStep());
            entry.put("ms_per_step", line.millisPerStep());
            entry.put("share", line.share());
            entry.put("weight_bytes_per_step", line.weightBytesPerStep());
            entry.put("multiply_adds_per_step", line.multiplyAddsPerStep());
            line.gigabytesPerSecond().ifPresent(rate -> entry.put("weights_gb_per_s", rate));
            line.gigaflopsPerSecond().ifPresent(rate -> entry.put("gflop_per_s", rate));
        }
    }

    private static long sizeOf(Path path) throws java.io.IOException {
        if (!Files.isDirectory(path)) {
            return Files.size(path);
        }
        try (var files = Files.walk(path)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }
}
