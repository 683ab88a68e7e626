package io.github.relayllm.core.format.hf;

import io.github.relayllm.core.format.ModelFormatException;
import io.github.relayllm.kernels.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A Hugging Face model directory as {@code save_pretrained} writes it: {@code config.json}, the
 * weights as {@code model.safetensors} or as shards listed by {@code model.safetensors.index.json}
 * (the single file wins when both exist, as in transformers), and the tokenizer files beside them.
 *
 * <p>Opening reads config.json, maps every weight file (see {@link Safetensors}: no tensor data is
 * read or copied) and validates their headers, and for a sharded checkpoint checks the index against
 * the shards. The tokenizer files are only located here; reading them is the tokenizer's job.
 * Tensors stay valid until {@link #close()}. Safe to share between threads once opened.
 *
 * <pre>{@code
 * try (HfModelDirectory model = HfModelDirectory.open(Path.of("Qwen3-0.6B"))) {
 *     int layers = model.config().numHiddenLayers();
 *     Tensor embeddings = model.tensor("model.embed_tokens.weight");
 * }
 * }</pre>
 */
public final class HfModelDirectory implements AutoCloseable {
    static final String CONFIG_FILE = "config.json";
    static final String SINGLE_WEIGHTS_FILE = "model.safetensors";

    private final Path directory;
    private final HfConfig config;
    private final HfWeights weights;

    private HfModelDirectory(Path directory, HfConfig config, HfWeights weights) {
        this.directory = directory;
        this.config = config;
        this.weights = weights;
    }

    /**
     * Opens the model in {@code directory}.
     *
     * @throws ModelFormatException if config.json or the weights are missing or invalid, naming the
     *     file and field at fault
     * @throws IOException if a file can not be read or mapped
     */
    public static HfModelDirectory open(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new ModelFormatException(
                    directory.toString(), "directory", ModelFormatException.UNKNOWN_OFFSET, "is not a directory");
        }
        Path configFile = directory.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(configFile)) {
            throw new ModelFormatException(
                    directory.toString(),
                    CONFIG_FILE,
                    ModelFormatException.UNKNOWN_OFFSET,
                    "missing: a Hugging Face model directory needs one");
        }
        HfConfig config = HfConfig.read(configFile);
        return new HfModelDirectory(directory, config, openWeights(directory));
    }

    private static HfWeights openWeights(Path directory) throws IOException {
        Path single = directory.resolve(SINGLE_WEIGHTS_FILE);
        if (Files.isRegularFile(single)) {
            return HfWeights.single(single);
        }
        Path index = directory.resolve(SafetensorsIndex.FILE_NAME);
        if (Files.isRegularFile(index)) {
            return HfWeights.sharded(SafetensorsIndex.read(index));
        }
        String hint = Files.exists(directory.resolve("pytorch_model.bin"))
                        || Files.exists(directory.resolve("pytorch_model.bin.index.json"))
                ? " (PyTorch .bin weights are not supported: convert them to safetensors)"
                : "";
        throw new ModelFormatException(
                directory.toString(),
                SINGLE_WEIGHTS_FILE,
                ModelFormatException.UNKNOWN_OFFSET,
                "no weights: neither %s nor %s is present%s"
                        .formatted(SINGLE_WEIGHTS_FILE, SafetensorsIndex.FILE_NAME, hint));
    }

    /** The directory this model was opened from. */
    public Path directory() {
        return directory;
    }

    public HfConfig config() {
        return config;
    }

    /** Every tensor of every weight file: file by file (shards in name order), each in data order. */
    public List<SafetensorsTensorInfo> tensors() {
        return weights.tensors();
    }

    /** The names of {@link #tensors()}, in the same order. */
    public List<String> tensorNames() {
        return tensors().stream().map(SafetensorsTensorInfo::name).toList();
    }

    /** The tensor named {@code name}, if the model has one; its offsets are within its own file. */
    public Optional<SafetensorsTensorInfo> tensorInfo(String name) {
        return weights.tensorInfo(name);
    }

    /**
     * The tensor named {@code name}, as a view of its mapped file (no copy).
     *
     * @throws ModelFormatException if the model has no tensor of that name
     */
    public Tensor tensor(String name) {
        return weights.tensor(name)
                .orElseThrow(() -> new ModelFormatException(
                        directory.toString(),
                        name,
                        ModelFormatException.UNKNOWN_OFFSET,
                        "the model's safetensors files hold no tensor of this name"));
    }

    /** The safetensors files the tensors come from, shards in name order. */
    public List<Path> weightFiles() {
        return weights.files();
    }

    /** {@code tokenizer.json} (the fast tokenizer: vocabulary, merges, pre-tokenizer), if present. */
    public Optional<Path> tokenizerJson() {
        return file("tokenizer.json");
    }

    /** {@code tokenizer_config.json} (special tokens, and the chat template in older models), if present. */
    public Optional<Path> tokenizerConfigJson() {
        return file("tokenizer_config.json");
    }

    /** {@code chat_template.jinja} (where newer transformers save the chat template), if present. */
    public Optional<Path> chatTemplateJinja() {
        return file("chat_template.jinja");
    }

    /** {@code generation_config.json} (default sampling settings and EOS ids), if present. */
    public Optional<Path> generationConfigJson() {
        return file("generation_config.json");
    }

    /** Unmaps every weight file; tensors from this model become unusable. Idempotent. */
    @Override
    public void close() {
        weights.close();
    }

    @Override
    public String toString() {
        return "HfModelDirectory[%s, %s, %d weight files]"
                .formatted(directory, config.modelType(), weightFiles().size());
    }

    private Optional<Path> file(String name) {
        Path file = directory.resolve(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }
}
