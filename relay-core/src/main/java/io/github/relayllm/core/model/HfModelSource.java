package io.github.relayllm.core.model;

import io.github.relayllm.core.format.ModelFormatException;
import io.github.relayllm.core.format.hf.GenerationConfig;
import io.github.relayllm.core.format.hf.HfModelDirectory;
import io.github.relayllm.core.format.hf.SafetensorsTensorInfo;
import io.github.relayllm.core.format.hf.TokenizerConfig;
import io.github.relayllm.core.tokenizer.TokenizerSummary;
import io.github.relayllm.kernels.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A model in a Hugging Face directory (config.json, safetensors, tokenizer files). Weights keep
 * Hugging Face's layout, so RoPE pairs dimensions NeoX-style for every family.
 */
public final class HfModelSource implements ModelSource {
    private final HfModelDirectory directory;
    private final ModelConfig config;
    private final TokenizerSummary tokenizer;
    private final Optional<String> chatTemplate;

    private HfModelSource(
            HfModelDirectory directory, ModelConfig config, TokenizerSummary tokenizer, Optional<String> chatTemplate) {
        this.directory = directory;
        this.config = config;
        this.tokenizer = tokenizer;
        this.chatTemplate = chatTemplate;
    }

    /** Opens and validates the model in {@code directory}; see {@link ModelSource#open}. */
    public static HfModelSource open(Path directory) throws IOException {
        HfModelDirectory hf = HfModelDirectory.open(directory);
        try {
            List<Integer> generationEos = hf.generationConfigJson().isPresent()
                    ? GenerationConfig.read(hf.generationConfigJson().get()).eosTokenIds()
                    : List.of();
            ModelConfig config = HfModelConfig.read(hf.config(), hf.directory().resolve("config.json"), generationEos);
            WeightCheck.requireAll(
                    config,
                    hf.directory().toString(),
                    name -> name.hf().flatMap(hf::tensorInfo).map(HfModelSource::entry),
                    name -> name.hf().orElse(name.gguf()));
            TokenizerSummary tokenizer = hf.tokenizerJson().isPresent()
                    ? TokenizerSummary.fromTokenizerJson(hf.tokenizerJson().get())
                    : TokenizerSummary.NONE;
            return new HfModelSource(hf, config, tokenizer, chatTemplate(hf));
        } catch (IOException | RuntimeException e) {
            hf.close();
            throw e;
        }
    }

    @Override
    public Path path() {
        return directory.directory();
    }

    @Override
    public String format() {
        return "hf";
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public Tensor weight(WeightName name) {
        return findWeight(name)
                .orElseThrow(() -> new ModelFormatException(
                        directory.directory().toString(),
                        "tensor \"" + name.hf().orElse(name.gguf()) + "\"",
                        ModelFormatException.UNKNOWN_OFFSET,
                        "missing"));
    }

    @Override
    public Optional<Tensor> findWeight(WeightName name) {
        return name.hf().filter(n -> directory.tensorInfo(n).isPresent()).map(directory::tensor);
    }

    @Override
    public List<TensorEntry> tensors() {
        return directory.tensors().stream().map(HfModelSource::entry).toList();
    }

    @Override
    public TokenizerSummary tokenizer() {
        return tokenizer;
    }

    @Override
    public Optional<String> chatTemplate() {
        return chatTemplate;
    }

    @Override
    public void close() {
        directory.close();
    }

    private static TensorEntry entry(SafetensorsTensorInfo info) {
        return new TensorEntry(info.name(), info.dtype(), info.shape(), info.byteSize());
    }

    /** {@code chat_template.jinja} if present, else {@code chat_template} of tokenizer_config.json. */
    private static Optional<String> chatTemplate(HfModelDirectory hf) throws IOException {
        if (hf.chatTemplateJinja().isPresent()) {
            return Optional.of(Files.readString(hf.chatTemplateJinja().get()));
        }
        if (hf.tokenizerConfigJson().isPresent()) {
            return TokenizerConfig.read(hf.tokenizerConfigJson().get()).chatTemplate();
        }
        return Optional.empty();
    }
}
