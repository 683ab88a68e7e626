package io.github.relayllm.core.model;

import io.github.relayllm.core.format.ModelFormatException;
import io.github.relayllm.core.format.gguf.GgufFile;
import io.github.relayllm.core.format.gguf.GgufTensorInfo;
import io.github.relayllm.core.tokenizer.TokenizerSummary;
import io.github.relayllm.core.tokenizer.Vocabulary;
import io.github.relayllm.kernels.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A model in a GGUF file. Weights keep the file's layout: GGUF Llama files hold llama.cpp's permuted
 * Q/K rows, which is why their configuration says {@link RopePairing#ADJACENT}.
 */
public final class GgufModelSource implements ModelSource {
    private final Path path;
    private final GgufFile gguf;
    private final ModelConfig config;

    private GgufModelSource(Path path, GgufFile gguf, ModelConfig config) {
        this.path = path;
        this.gguf = gguf;
        this.config = config;
    }

    /** Opens and validates the GGUF model at {@code path}; see {@link ModelSource#open}. */
    public static GgufModelSource open(Path path) throws IOException {
        GgufFile gguf = GgufFile.open(path);
        try {
            return of(path, gguf);
        } catch (RuntimeException e) {
            gguf.close();
            throw e;
        }
    }

    /** A model source over an already parsed file, which it then owns. */
    static GgufModelSource of(Path path, GgufFile gguf) {
        if (gguf.tensors().isEmpty()) {
            throw new ModelFormatException(
                    gguf.source(),
                    "header.tensor_count",
                    ModelFormatException.UNKNOWN_OFFSET,
                    "a vocabulary-only file (no tensors): there is no model to run");
        }
        ModelConfig config = GgufModelConfig.read(gguf);
        WeightCheck.requireAll(
                config,
                gguf.source(),
                name -> gguf.tensorInfo(name.gguf()).map(GgufModelSource::entry),
                WeightName::gguf);
        return new GgufModelSource(path, gguf, config);
    }

    /** The underlying file, for metadata this class does not interpret. */
    public GgufFile file() {
        return gguf;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public String format() {
        return "gguf";
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public Tensor weight(WeightName name) {
        return gguf.tensor(name.gguf());
    }

    @Override
    public Optional<Tensor> findWeight(WeightName name) {
        return gguf.tensorInfo(name.gguf()).map(gguf::tensor);
    }

    @Override
    public List<TensorEntry> tensors() {
        return gguf.tensors().stream().map(GgufModelSource::entry).toList();
    }

    @Override
    public TokenizerSummary tokenizer() {
        return Vocabulary.of(gguf.metadata()).map(Vocabulary::summary).orElse(TokenizerSummary.NONE);
    }

    @Override
    public Optional<String> chatTemplate() {
        return gguf.metadata().string("tokenizer.chat_template");
    }

    @Override
    public void close() {
        gguf.close();
    }

    static TensorEntry entry(GgufTensorInfo info) {
        return new TensorEntry(info.name(), info.dtype(), info.shape(), info.byteSize());
    }
}
