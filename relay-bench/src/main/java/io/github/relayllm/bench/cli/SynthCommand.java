package io.github.relayllm.bench.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.relayllm.core.format.gguf.GgufFile;
import io.github.relayllm.core.model.Architecture;
import io.github.relayllm.core.model.ModelConfig;
import io.github.relayllm.core.model.ModelShapes;
import io.github.relayllm.core.model.synth.RandomModel;
import io.github.relayllm.core.tokenizer.Vocabulary;
import io.github.relayllm.kernels.tensor.DType;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code relay synth}: writes a random-weight model of a named shape or of explicit dimensions, as a
 * GGUF file or a Hugging Face directory, deterministic by seed. Benchmarks and GPU checks run on
 * such models: their speed is that of the real model.
 */
@Command(
        name = "synth",
        description = {
            "Write a random-weight model (GGUF file or Hugging Face directory), deterministic by seed.",
            "Shapes: qwen3-0.6b, qwen3-1.7b, qwen3-4b, qwen3-8b, qwen2.5-0.5b, qwen2.5-1.5b, qwen2.5-7b,"
                    + " llama3.2-1b, llama3.2-3b, llama3.1-8b, llama2-7b, tinyllama-1.1b.",
            "Explicit dimensions override the shape's; without --shape, --arch and every dimension are needed."
        },
        mixinStandardHelpOptions = true,
        sortOptions = false)
final class SynthCommand implements Callable<Integer> {
    @Option(names = "--shape", paramLabel = "NAME", description = "A published model's shape (see above).")
    String shape;

    @Option(names = "--arch", paramLabel = "ARCH", description = "llama, qwen2 or qwen3.")
    String architecture;

    @Option(names = "--layers", paramLabel = "N")
    Integer layers;

    @Option(names = "--hidden", paramLabel = "N", description = "Hidden size.")
    Integer hidden;

    @Option(names = "--heads", paramLabel = "N", description = "Query heads.")
    Integer heads;

    @Option(names = "--kv-heads", paramLabel = "N", description = "Key/value heads (default: --heads).")
    Integer kvHeads;

    @Option(names = "--head-dim", paramLabel = "N", description = "Head width (default: hidden / heads).")
    Integer headDim;

    @Option(names = "--ffn", paramLabel = "N", description = "Feed-forward width.")
    Integer ffn;

    @Option(names = "--vocab-size", paramLabel = "N", description = "Vocabulary size without --vocab.")
    Integer vocabSize;

    @Option(names = "--context", paramLabel = "N", description = "Context length.")
    Integer context;

    @Option(names = "--tied", paramLabel = "BOOL", arity = "1", description = "Tie output and embedding.")
    Boolean tied;

    @Option(
            names = "--vocab",
            paramLabel = "FILE",
            description = "A GGUF file whose tokenizer the model gets (default: a synthetic byte-level one).")
    Path vocabFile;

    @Option(
            names = "--dtype",
            paramLabel = "TYPE",
            defaultValue = "q8_0",
            description = "Weight type: f32, f16, bf16, q8_0, q4_0, q4_1, q5_0, q5_1 (HF: f32, f16, bf16).")
    String dtype;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--format",
            paramLabel = "gguf|hf",
            description = "Output format (default: gguf if --out ends in .gguf, else hf).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "PATH", description = "The file or directory to write.")
    Path out;

    @Option(names = "--json", description = "Print one JSON document describing what was written.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DType weightType = DType.fromName(dtype)
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "unknown --dtype " + dtype));
        boolean gguf = outputIsGguf();
        Optional<Vocabulary> vocabulary = readVocabulary();
        String name = shape != null ? shape : "relay-synth";
        RandomModel model = RandomModel.of(name, config(), vocabulary, weightType, seed);
        long start = System.nanoTime();
        if (gguf) {
            model.writeGguf(out);
        } else {
            model.writeHf(out);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        report(model, gguf, sizeOf(out), seconds);
        return 0;
    }

    private void report(RandomModel model, boolean gguf, long bytes, double seconds) {
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = JsonOutput.object();
            root.put("path", out.toString());
            root.put("format", gguf ? "gguf" : "hf");
            root.put("architecture", model.config().architecture().id());
            root.putPOJO("shape", shape);
            root.put("dtype", model.dtype().name().toLowerCase(Locale.ROOT));
            root.put("seed", model.seed());
            root.put("parameters", model.config().parameterCount());
            root.put("vocab_size", model.config().vocabSize());
            root.put("bytes", bytes);
            root.put("seconds", seconds);
            JsonOutput.print(stdout, root);
        } else {
            stdout.printf(
                    Locale.ROOT,
                    "wrote %s: %s %s, %,d parameters, %s weights, seed %d, %s in %.1f s%n",
                    out,
                    gguf ? "GGUF" : "Hugging Face",
                    model.config().architecture().id(),
                    model.config().parameterCount(),
                    model.dtype().name().toLowerCase(Locale.ROOT),
                    model.seed(),
                    ByteSizes.format(bytes),
                    seconds);
        }
    }

    private boolean outputIsGguf() {
        if (format == null) {
            return out.getFileName() != null && out.getFileName().toString().endsWith(".gguf");
        }
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "gguf" -> true;
            case "hf" -> false;
            default -> throw new ParameterException(spec.commandLine(), "--format must be gguf or hf, not " + format);
        };
    }

    private Optional<Vocabulary> readVocabulary() throws Exception {
        if (vocabFile == null) {
            return Optional.empty();
        }
        // The vocabulary keeps references into the file's metadata, not its mapping: closing is safe.
        try (GgufFile file = GgufFile.open(vocabFile)) {
            return Optional.of(Vocabulary.of(file.metadata())
                    .orElseThrow(() ->
                            new IllegalArgumentException(vocabFile + " holds no tokenizer (tokenizer.ggml.model)")));
        }
    }

    /** The shape's configuration with the explicit dimensions applied, or one from dimensions alone. */
    private ModelConfig config() {
        if (shape != null && architecture != null) {
            throw new ParameterException(spec.commandLine(), "--arch goes without --shape (a shape has its family)");
        }
        ModelConfig base = shape == null
                ? null
                : ModelShapes.byName(shape)
                        .orElseThrow(() -> new ParameterException(
                                spec.commandLine(),
                                "unknown --shape %s; known: %s"
                                        .formatted(shape, String.join(", ", ModelShapes.names()))));
        if (base == null
                && (architecture == null || layers == null || hidden == null || heads == null || ffn == null)) {
            throw new ParameterException(
                    spec.commandLine(), "give --shape, or --arch with --layers, --hidden, --heads and --ffn");
        }
        ModelConfig.Builder builder = base != null
                ? base.toBuilder()
                : ModelConfig.builder(architecture()).vocabSize(32000);
        int queryHeads = heads != null ? heads : base.headCount();
        int keyValueHeads = kvHeads != null ? kvHeads : base != null ? base.kvHeadCount() : queryHeads;
        int hiddenSize = hidden != null ? hidden : base.hiddenSize();
        builder.hiddenSize(hiddenSize).heads(queryHeads, keyValueHeads);
        builder.headDim(
                headDim != null ? headDim : base != null ? base.headDim() : hiddenSize / Math.max(1, queryHeads));
        if (layers != null) {
            builder.layerCount(layers);
        }
        if (ffn != null) {
            builder.ffnSize(ffn);
        }
        if (vocabSize != null) {
            // The shape's special ids may not fit a resized vocabulary: the vocabulary places them.
            builder.vocabSize(vocabSize).bosId(OptionalInt.empty()).eosIds(List.of());
        }
        if (context != null) {
            builder.contextLength(context);
        }
        if (tied != null) {
            builder.tiedEmbeddings(tied);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "inconsistent dimensions: " + e.getMessage());
        }
    }

    private Architecture architecture() {
        return Architecture.fromId(architecture.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(), "--arch must be llama, qwen2 or qwen3, not " + architecture));
    }

    private static long sizeOf(Path path) throws java.io.IOException {
        if (!Files.isDirectory(path)) {
            return Files.size(path);
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }
}
