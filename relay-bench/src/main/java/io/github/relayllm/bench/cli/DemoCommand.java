package io.github.relayllm.bench.cli;

import io.github.relayllm.core.Model;
import io.github.relayllm.core.ModelOptions;
import io.github.relayllm.core.model.ModelConfig;
import io.github.relayllm.core.model.ModelShapes;
import io.github.relayllm.core.model.synth.RandomModel;
import io.github.relayllm.core.relay.CallPolicy;
import io.github.relayllm.core.relay.LlmSide;
import io.github.relayllm.core.relay.Relay;
import io.github.relayllm.core.relay.RelayOptions;
import io.github.relayllm.core.relay.RelayResult;
import io.github.relayllm.core.relay.protocol.ProtocolOptions;
import io.github.relayllm.core.sampling.LogitProcessor;
import io.github.relayllm.core.tokenizer.Tokenizer;
import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.BackendOptions;
import io.github.relayllm.kernels.backend.Backends;
import io.github.relayllm.kernels.tensor.DType;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code relay demo}: a relay on a fresh machine with nothing downloaded. Writes (once, into a cache
 * folder) a small random-weight SLM and LLM with the same vocabulary, runs a scripted relay between
 * them on the CPU backend, prints the text coloured by model and the accounting, and writes the HTML
 * trace. Random weights write gibberish and never call on their own, so the scheduler writes the calls
 * (the scripted policy), and both models are kept to lowercase letters and spaces to keep the terminal
 * readable.
 */
@Command(
        name = "demo",
        description = "Run a scripted relay between two small random-weight models (nothing to download).",
        mixinStandardHelpOptions = true,
        sortOptions = false)
final class DemoCommand implements Callable<Integer> {
    private static final int VOCABULARY = 512;

    @Option(
            names = "--cache-dir",
            paramLabel = "DIR",
            description = "Where the demo models live (default: ~/.cache/relay/demo).")
    Path cacheDir;

    @Option(
            names = {"-t", "--threads"},
            description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--seed", defaultValue = "7", description = "The request's seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = cacheDir != null ? cacheDir : defaultCacheDir();
        Path slmFile = ensureModel(dir.resolve("demo-slm-q8_0.gguf"), "demo-slm", shape(4, 256, 768), 1, err);
        Path llmFile = ensureModel(dir.resolve("demo-llm-q8_0.gguf"), "demo-llm", shape(8, 512, 1536), 2, err);
        ModelOptions options = ModelOptions.defaults().withContextLimit(1024);
        if (threads != null) {
            options = options.withThreads(threads);
        }
        try (Backend backend = Backends.create("cpu", new BackendOptions(options.threads()));
                Model slm = Model.load(slmFile, backend, options);
                Model llm = Model.load(llmFile, backend, options)) {
            Relay relay = new Relay(slm, new LlmSide.Local(llm));
            LogitProcessor letters = lettersOnly(slm.tokenizer());
            RelayOptions relayOptions = RelayOptions.paper()
                    .withProtocol(ProtocolOptions.reference().withGlobalMaxTokens(240))
                    .withPolicy(new CallPolicy.Scripted(40, 12))
                    .withSeed(seed)
                    .withStopAtEos(false)
                    .withLogitProcessors(letters, letters);
            out.println("Random weights: both models write gibberish. The scheduler calls the LLM for 12 tokens"
                    + " after every 40 SLM tokens (--policy scripted); in a real relay the SLM writes <call>N</call>.");
            out.println();
            RelayConsole console = new RelayConsole(out, RelayConsole.terminal());
            RelayResult result = relay.run(relay.questionPrompt("What is 12 * 7?", false), relayOptions, console);
            console.finish();
            RelayConsole.printAccounting(out, result);
            Path trace = dir.resolve("demo-trace.html");
            TraceFiles.write(result.trace(), "relay demo (random weights)", trace);
            out.println("trace: " + trace.toAbsolutePath());
            out.println("With real checkpoints: relay run --slm Qwen3-0.6B.gguf --llm Qwen3-8B.gguf --prompt \"...\"");
        }
        return 0;
    }

    private static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("relay").resolve("demo");
    }

    private static ModelConfig shape(int layers, int hidden, int ffn) {
        return ModelShapes.byName("qwen3-0.6b").orElseThrow().toBuilder()
                .layerCount(layers)
                .hiddenSize(hidden)
                .heads(hidden / 64, hidden / 128)
                .headDim(64)
                .ffnSize(ffn)
                .vocabSize(VOCABULARY)
                .bosId(OptionalInt.empty())
                .eosIds(List.of())
                .build();
    }

    /** Writes the model unless an earlier run did; a partial file never takes the final name. */
    private static Path ensureModel(Path file, String name, ModelConfig shape, long seed, PrintWriter err)
            throws IOException {
        if (Files.isRegularFile(file)) {
            return file;
        }
        Files.createDirectories(file.getParent());
        err.println("writing " + file + " (once)");
        Path partial = Files.createTempFile(file.getParent(), name, ".partial");
        try {
            RandomModel.of(name, shape, Optional.empty(), DType.Q8_0, seed).writeGguf(partial);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        return file;
    }

    /** Bans every token but single lowercase letters and the space. */
    private static LogitProcessor lettersOnly(Tokenizer tokenizer) {
        boolean[] allowed = new boolean[tokenizer.size()];
        for (int id = 0; id < allowed.length; id++) {
            byte[] bytes = tokenizer.tokenBytes(id);
            allowed[id] = bytes.length == 1 && (bytes[0] == ' ' || (bytes[0] >= 'a' && bytes[0] <= 'z'));
        }
        return (logits, history, length) -> {
            for (int id = 0; id < logits.length; id++) {
                if (!allowed[id]) {
                    logits[id] = Float.NEGATIVE_INFINITY;
                }
            }
        };
    }
}
