package io.github.relayllm.core.model;

import io.github.relayllm.core.format.gguf.GgufFile;
import io.github.relayllm.core.tokenizer.TokenizerSummary;
import io.github.relayllm.core.tokenizer.Vocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a model file holds, for reports such as {@code relay info}: its configuration, tokenizer,
 * chat template and tensor table. Plain values: no file stays open.
 *
 * <p>Files Relay can not run are described too, as far as they go: a vocabulary-only GGUF (no
 * tensors) or a GGUF of an unsupported architecture has no configuration, and {@link #note()} says
 * why. A file that claims a supported architecture but is inconsistent fails to be described, as it
 * fails to load.
 *
 * @param architecture the file's architecture name ({@code general.architecture} or {@code
 *     model_type}), supported or not
 * @param config present exactly when the file is a model Relay can run
 * @param note why there is no configuration; empty when there is one
 */
public record ModelDescription(
        Path path,
        String format,
        String architecture,
        Optional<ModelConfig> config,
        Optional<String> note,
        TokenizerSummary tokenizer,
        boolean hasChatTemplate,
        List<TensorEntry> tensors) {

    public ModelDescription {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(tokenizer, "tokenizer");
        tensors = List.copyOf(tensors);
    }

    /**
     * Describes the GGUF file or Hugging Face directory at {@code path}.
     *
     * @throws IOException if it can not be read
     * @throws io.github.relayllm.core.format.ModelFormatException if it is malformed
     */
    public static ModelDescription describe(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            try (ModelSource model = ModelSource.open(path)) {
                return of(model);
            }
        }
        try (GgufFile gguf = GgufFile.open(path)) {
            String architecture = gguf.metadata().string("general.architecture").orElse("unknown");
            if (gguf.tensors().isEmpty()) {
                return partial(path, gguf, architecture, "vocabulary only: the file holds no tensors");
            }
            if (Architecture.fromId(architecture).isEmpty()) {
                return partial(path, gguf, architecture, "unsupported architecture: Relay can not run this model");
            }
            return of(GgufModelSource.of(path, gguf));
        }
    }

    /** The description of an opened model. */
    public static ModelDescription of(ModelSource model) {
        return new ModelDescription(
                model.path(),
                model.format(),
                model.config().architecture().id(),
                Optional.of(model.config()),
                Optional.empty(),
                model.tokenizer(),
                model.chatTemplate().isPresent(),
                model.tensors());
    }

    /** Total bytes of all tensors. */
    public long tensorBytes() {
        return tensors.stream().mapToLong(TensorEntry::bytes).sum();
    }

    /** Whether the file holds a vocabulary and no weights. */
    public boolean vocabularyOnly() {
        return tensors.isEmpty();
    }

    private static ModelDescription partial(Path path, GgufFile gguf, String architecture, String note) {
        return new ModelDescription(
                path,
                "gguf",
                architecture,
                Optional.empty(),
                Optional.of(note),
                Vocabulary.of(gguf.metadata()).map(Vocabulary::summary).orElse(TokenizerSummary.NONE),
                gguf.metadata().contains("tokenizer.chat_template"),
                gguf.tensors().stream().map(GgufModelSource::entry).toList());
    }
}
