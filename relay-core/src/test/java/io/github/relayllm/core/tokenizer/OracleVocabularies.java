package io.github.relayllm.core.tokenizer;

import io.github.relayllm.core.format.gguf.GgufFile;
import io.github.relayllm.kernels.testkit.SharedOracle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The vocabularies of {@code ../shared/oracle/vocab} with llama.cpp's test vectors for them, and
 * their tokenizers, built once per test JVM: from the GGUF file, and from the tokenizer.json that
 * {@link HfTokenizerFiles} writes for it. Callers skip (through {@link SharedOracle}) when the files
 * are absent.
 */
enum OracleVocabularies {
    QWEN3("ggml-vocab-qwen3.gguf"),
    LLAMA_SPM("ggml-vocab-llama-spm.gguf"),
    GPT2("ggml-vocab-gpt-2.gguf");

    private static final String SEPARATOR = "\n__ggml_vocab_test__\n";
    private static final Map<OracleVocabularies, Tokenizer> FROM_GGUF = new ConcurrentHashMap<>();
    private static final Map<OracleVocabularies, Tokenizer> FROM_HUGGING_FACE = new ConcurrentHashMap<>();

    private final String file;

    OracleVocabularies(String file) {
        this.file = file;
    }

    /** One test string and the ids llama.cpp gives it (no BOS, specials not parsed). */
    record Vector(String text, int[] ids) {
        @Override
        public String toString() {
            return "\"" + text.replace("\n", "\\n").replace("\t", "\\t") + "\" -> " + Arrays.toString(ids);
        }
    }

    /** Whether the shared folder has this vocabulary: for property tests, which can not skip themselves. */
    boolean isAvailable() {
        return Files.exists(SharedOracle.dir().resolve("oracle/vocab/" + file));
    }

    Path path() {
        return SharedOracle.require("oracle/vocab/" + file);
    }

    Vocabulary vocabulary() {
        try (GgufFile gguf = GgufFile.open(path())) {
            return Vocabulary.of(gguf.metadata()).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Tokenizer fromGguf() {
        path(); // skips before the cache is consulted
        return FROM_GGUF.computeIfAbsent(this, v -> Tokenizer.of(v.vocabulary()));
    }

    Tokenizer fromHuggingFace() {
        path();
        return FROM_HUGGING_FACE.computeIfAbsent(this, v -> {
            try {
                Path dir = Files.createTempDirectory("relay-" + v.name().toLowerCase());
                HfTokenizerFiles.write(v.vocabulary(), dir);
                Tokenizer tokenizer = Tokenizer.fromHuggingFace(
                        dir.resolve("tokenizer.json"), Optional.of(dir.resolve("tokenizer_config.json")));
                Files.delete(dir.resolve("tokenizer.json"));
                Files.delete(dir.resolve("tokenizer_config.json"));
                Files.delete(dir);
                return tokenizer;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    List<Vector> vectors() {
        try {
            String inputs = Files.readString(SharedOracle.require("oracle/vocab/" + file + ".inp"));
            List<String> outputs =
                    Files.readAllLines(SharedOracle.require("oracle/vocab/" + file + ".out"), StandardCharsets.UTF_8);
            List<String> texts = new ArrayList<>(Arrays.asList(inputs.split(SEPARATOR, -1)));
            if (texts.getLast().isEmpty()) {
                texts.removeLast(); // the file ends with a separator
            }
            if (texts.size() != outputs.size()) {
                throw new IllegalStateException("%d strings but %d outputs".formatted(texts.size(), outputs.size()));
            }
            List<Vector> vectors = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                String line = outputs.get(i).strip();
                int[] ids = line.isEmpty()
                        ? new int[0]
                        : Arrays.stream(line.split(" "))
                                .mapToInt(Integer::parseInt)
                                .toArray();
                vectors.add(new Vector(texts.get(i), ids));
            }
            return vectors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
