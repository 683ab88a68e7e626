package io.github.relayllm.core.model;

import io.github.relayllm.core.format.ModelFormatException;
import io.github.relayllm.core.tokenizer.TokenizerSummary;
import io.github.relayllm.kernels.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A model opened from disk: a GGUF file or a Hugging Face directory, seen through one configuration
 * type and one weight naming scheme. The weights stay where they are: tensors are views of the
 * mapped files, valid until {@link #close()}.
 *
 * <pre>{@code
 * try (ModelSource model = ModelSource.open(Path.of("qwen3-0.6b-q8_0.gguf"))) {
 *     ModelConfig config = model.config();
 *     Tensor wq = model.weight(WeightName.of(WeightKind.ATTENTION_Q, 0));
 * }
 * }</pre>
 *
 * <p>Opening validates the whole model: the configuration, and every weight it implies present with
 * the right shape and a fitting dtype. A source that opened is one the transformer can run. Cost:
 * parsing the headers (tens of milliseconds for a real vocabulary); no weight is read.
 */
public sealed interface ModelSource extends AutoCloseable permits GgufModelSource, HfModelSource {

    /**
     * Opens the model at {@code path}: a GGUF file, or a directory holding a Hugging Face checkpoint.
     *
     * @throws IOException if the files can not be read
     * @throws ModelFormatException if they are not a valid model Relay can run
     */
    static ModelSource open(Path path) throws IOException {
        return Files.isDirectory(path) ? HfModelSource.open(path) : GgufModelSource.open(path);
    }

    /** The file or directory the model came from. */
    Path path();

    /** The format, for reports: {@code gguf} or {@code hf}. */
    String format();

    ModelConfig config();

    /**
     * The weight {@code name}, in the layout the configuration describes (for GGUF Llama files, with
     * llama.cpp's permuted Q/K rows and {@link RopePairing#ADJACENT}).
     *
     * @throws ModelFormatException if the model has no such weight
     */
    Tensor weight(WeightName name);

    /** The weight {@code name}, if the model has it (optional weights such as biases). */
    Optional<Tensor> findWeight(WeightName name);

    /** Every tensor of the file(s), named as the file names them, in file order. */
    List<TensorEntry> tensors();

    /** The tokenizer the files describe. */
    TokenizerSummary tokenizer();

    /** The chat template (Jinja source) the files carry, if any. */
    Optional<String> chatTemplate();

    /** Unmaps the files; tensors obtained from this source must not be used afterwards. */
    @Override
    void close();
}
