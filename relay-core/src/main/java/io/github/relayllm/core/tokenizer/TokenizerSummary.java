package io.github.relayllm.core.tokenizer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.relayllm.core.format.ModelFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a model file says about its tokenizer, in GGUF's vocabulary: the kind ({@code gpt2} for
 * byte-level BPE, {@code llama} for SentencePiece-style BPE), the pre-tokenizer ({@code qwen2},
 * {@code llama-bpe}, {@code gpt-2}, {@code default}) and the number of tokens. What {@code relay info}
 * reports; the tokenizers themselves are built from the full files.
 *
 * @param kind the tokenizer model, as GGUF's {@code tokenizer.ggml.model} names it, or {@code none}
 * @param pre the pre-tokenizer, as GGUF's {@code tokenizer.ggml.pre} names it, or {@code unknown}
 * @param size number of token ids (one more than the largest id)
 */
public record TokenizerSummary(String kind, String pre, int size) {
    /** The summary of a file without tokenizer. */
    public static final TokenizerSummary NONE = new TokenizerSummary("none", "none", 0);

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(64)
                        .maxStringLength(64 << 20)
                        .build());
    }

    /**
     * The tokenizer described by a Hugging Face {@code tokenizer.json}.
     *
     * @throws ModelFormatException if the file is not JSON or has no {@code model} object
     */
    public static TokenizerSummary fromTokenizerJson(Path file) throws IOException {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new ModelFormatException(
                    file.toString(),
                    "tokenizer.json",
                    where == null ? ModelFormatException.UNKNOWN_OFFSET : where.getByteOffset(),
                    "not valid JSON: " + e.getOriginalMessage(),
                    e);
        }
        JsonNode model = root == null ? null : root.get("model");
        if (model == null || !model.isObject()) {
            throw new ModelFormatException(
                    file.toString(), "model", ModelFormatException.UNKNOWN_OFFSET, "missing the model object");
        }
        return new TokenizerSummary(kind(model, root), pre(root), size(model, root));
    }

    private static String kind(JsonNode model, JsonNode root) {
        String type = model.path("type").asText("");
        if (type.equals("BPE") && model.path("byte_fallback").asBoolean(false)) {
            return "llama";
        }
        if (type.equals("BPE") && mentionsByteLevel(root)) {
            return "gpt2";
        }
        return type.isEmpty() ? "unknown" : type.toLowerCase(Locale.ROOT);
    }

    private static boolean mentionsByteLevel(JsonNode root) {
        return root.path("decoder").toString().contains("\"ByteLevel\"")
                || root.path("pre_tokenizer").toString().contains("\"ByteLevel\"");
    }

    private static String pre(JsonNode root) {
        JsonNode preTokenizer = root.path("pre_tokenizer");
        for (JsonNode step : preTokenizer.path("pretokenizers")) {
            String regex = step.path("pattern").path("Regex").asText(null);
            if ("Split".equals(step.path("type").asText()) && regex != null) {
                return PreTokenizerType.fromRegex(regex)
                        .map(PreTokenizerType::ggufName)
                        .orElse("unknown");
            }
        }
        if ("ByteLevel".equals(preTokenizer.path("type").asText())
                && preTokenizer.path("use_regex").asBoolean(true)) {
            return PreTokenizerType.GPT2.ggufName();
        }
        return "default";
    }

    private static int size(JsonNode model, JsonNode root) {
        JsonNode vocab = model.path("vocab");
        int size = vocab.isArray() ? vocab.size() : 0; // Unigram: a list of [piece, score]
        for (JsonNode id : vocab.isObject() ? vocab : List.<JsonNode>of()) {
            size = Math.max(size, id.asInt(-1) + 1);
        }
        for (JsonNode added : root.path("added_tokens")) {
            size = Math.max(size, added.path("id").asInt(-1) + 1);
        }
        return size;
    }
}
