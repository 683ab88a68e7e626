package io.github.relayllm.core.tokenizer;

import io.github.relayllm.core.format.ModelFormatException;
import io.github.relayllm.core.format.gguf.GgufMetadata;
import io.github.relayllm.core.format.gguf.GgufValue;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SequencedMap;
import java.util.Set;

/**
 * A tokenizer's vocabulary in GGUF's terms ({@code tokenizer.ggml.*} and {@code
 * tokenizer.chat_template}): the token pieces with their types and scores, the BPE merges, and the
 * special ids. It is what a GGUF file carries, what Relay copies into the models it writes, and what
 * the tokenizers are built from.
 *
 * <p>Invariants, checked on construction: a tokenizer model name and at least one token; token types
 * and scores, when present, one per token and of known kinds. Immutable; the token list is shared,
 * not copied.
 */
public final class Vocabulary {
    /** Texts llama.cpp treats as end-of-generation markers wherever they sit in a vocabulary. */
    static final Set<String> END_OF_GENERATION_TEXTS = Set.of(
            "<|eot_id|>",
            "<|eom_id|>",
            "<|im_end|>",
            "<|end|>",
            "<end_of_turn>",
            "<|endoftext|>",
            "<|end_of_text|>",
            "<EOT>",
            "<｜end▁of▁sentence｜>");

    static final String PREFIX = "tokenizer.";
    static final String MODEL = "tokenizer.ggml.model";
    static final String PRE = "tokenizer.ggml.pre";
    static final String TOKENS = "tokenizer.ggml.tokens";
    static final String TOKEN_TYPES = "tokenizer.ggml.token_type";
    static final String SCORES = "tokenizer.ggml.scores";
    static final String MERGES = "tokenizer.ggml.merges";
    static final String BOS = "tokenizer.ggml.bos_token_id";
    static final String EOS = "tokenizer.ggml.eos_token_id";
    static final String EOT = "tokenizer.ggml.eot_token_id";
    static final String EOM = "tokenizer.ggml.eom_token_id";
    static final String ADD_BOS = "tokenizer.ggml.add_bos_token";
    static final String ADD_SPACE_PREFIX = "tokenizer.ggml.add_space_prefix";
    static final String CHAT_TEMPLATE = "tokenizer.chat_template";

    private final GgufMetadata metadata;
    private final List<String> tokens;
    private final int[] types;

    private Vocabulary(GgufMetadata metadata) {
        this.metadata = metadata;
        this.tokens = metadata.stringArray(TOKENS).orElseThrow(() -> missing(metadata, TOKENS));
        metadata.string(MODEL).orElseThrow(() -> missing(metadata, MODEL));
        if (tokens.isEmpty()) {
            throw new ModelFormatException(metadata.source(), field(TOKENS), metadata.offsetOf(TOKENS), "no tokens");
        }
        this.types = metadata.intArray(TOKEN_TYPES).orElse(null);
        if (types != null) {
            requireOnePerToken(metadata, TOKEN_TYPES, types.length);
            for (int id = 0; id < types.length; id++) {
                if (TokenType.fromId(types[id]).isEmpty()) {
                    throw new ModelFormatException(
                            metadata.source(),
                            field(TOKEN_TYPES) + "[" + id + "]",
                            metadata.offsetOf(TOKEN_TYPES),
                            "unknown token type " + types[id]);
                }
            }
        }
        metadata.floatArray(SCORES).ifPresent(scores -> requireOnePerToken(metadata, SCORES, scores.length));
    }

    /**
     * The vocabulary in the {@code tokenizer.*} keys of {@code fileMetadata}, if the file has one
     * (it has one when it names a tokenizer model).
     *
     * @throws ModelFormatException if the keys are there but inconsistent
     */
    public static Optional<Vocabulary> of(GgufMetadata fileMetadata) {
        if (!fileMetadata.contains(MODEL)) {
            return Optional.empty();
        }
        // Kept whole, not cut down to tokenizer.* keys, so that errors carry the file's byte offsets.
        return Optional.of(new Vocabulary(fileMetadata));
    }

    /**
     * A vocabulary from {@code tokenizer.*} values built in memory, named {@code source} in errors.
     *
     * @throws ModelFormatException if the values are inconsistent
     */
    public static Vocabulary fromValues(String source, SequencedMap<String, GgufValue> values) {
        return new Vocabulary(GgufMetadata.of(source, values));
    }

    /** The file (or in-memory source) the vocabulary was read from, as errors name it. */
    public String source() {
        return metadata.source();
    }

    /** The {@code tokenizer.*} values, in file order: what a GGUF writer copies. */
    public SequencedMap<String, GgufValue> ggufValues() {
        return metadata.withPrefix(PREFIX);
    }

    /** The tokenizer model as GGUF names it: {@code gpt2} (byte-level BPE) or {@code llama} (SentencePiece). */
    public String model() {
        return metadata.requireString(MODEL);
    }

    /** The pre-tokenizer as GGUF names it; {@code default} when the file does not say. */
    public String pre() {
        return metadata.string(PRE).orElse("default");
    }

    /** Number of token ids. */
    public int size() {
        return tokens.size();
    }

    /** The token pieces by id (byte-level BPE pieces in GPT-2's byte-to-unicode alphabet). */
    public List<String> tokens() {
        return tokens;
    }

    public TokenType type(int id) {
        return types == null ? TokenType.NORMAL : TokenType.fromId(types[id]).orElseThrow();
    }

    /** SentencePiece scores by id, if the vocabulary has them. */
    public Optional<float[]> scores() {
        return metadata.floatArray(SCORES);
    }

    /** BPE merges, {@code "left right"} by rank; empty for SentencePiece vocabularies. */
    public List<String> merges() {
        return metadata.stringArray(MERGES).orElse(List.of());
    }

    /** The beginning-of-sequence token, if the vocabulary has one. */
    public OptionalInt bosId() {
        return tokenId(BOS);
    }

    /** The end-of-sequence token ({@code tokenizer.ggml.eos_token_id}), if the vocabulary has one. */
    public OptionalInt eosId() {
        return tokenId(EOS);
    }

    /**
     * Whether a BOS token is added to encoded text; absent from the file, SentencePiece vocabularies
     * and Llama 3's byte-level one ({@code llama-bpe}) add one and other byte-level BPE ones do not
     * (llama.cpp's defaults).
     */
    public boolean addsBos() {
        return metadata.optionalBool(ADD_BOS)
                .orElse(model().equals("llama") || pre().equals(PreTokenizerType.LLAMA3.ggufName()));
    }

    /**
     * Whether SentencePiece-style tokenization prepends a space ({@code ▁}) to text
     * ({@code tokenizer.ggml.add_space_prefix}); absent from the file, true for SentencePiece
     * vocabularies and false for byte-level ones (llama.cpp's defaults).
     */
    public boolean addsSpacePrefix() {
        return metadata.optionalBool(ADD_SPACE_PREFIX).orElse(model().equals("llama"));
    }

    /**
     * The tokens that end generation: the eos, eot and eom ids, and, as llama.cpp does, every token
     * whose text is a known end-of-turn marker (so Qwen3 stops at {@code <|im_end|>} and {@code
     * <|endoftext|>}).
     */
    public List<Integer> endOfGenerationIds() {
        Set<Integer> ids = new LinkedHashSet<>();
        for (String key : List.of(EOS, EOT, EOM)) {
            tokenId(key).ifPresent(ids::add);
        }
        for (int id = 0; id < tokens.size(); id++) {
            if (END_OF_GENERATION_TEXTS.contains(tokens.get(id))) {
                ids.add(id);
            }
        }
        return List.copyOf(ids);
    }

    public Optional<String> chatTemplate() {
        return metadata.string(CHAT_TEMPLATE);
    }

    /** The summary {@code relay info} prints. */
    public TokenizerSummary summary() {
        return new TokenizerSummary(model(), pre(), size());
    }

    /** An error about the value of {@code key}, naming this vocabulary's source and the key's offset. */
    ModelFormatException invalid(String key, String problem) {
        return new ModelFormatException(metadata.source(), field(key), metadata.offsetOf(key), problem);
    }

    // llama.cpp writes "no such token" as -1, which some converters store as UINT32 0xFFFFFFFF.
    private OptionalInt tokenId(String key) {
        OptionalLong id = metadata.optionalLong(key);
        return id.isPresent() && id.getAsLong() >= 0 && id.getAsLong() < tokens.size()
                ? OptionalInt.of((int) id.getAsLong())
                : OptionalInt.empty();
    }

    private void requireOnePerToken(GgufMetadata metadata, String key, int count) {
        if (count != tokens.size()) {
            throw new ModelFormatException(
                    metadata.source(),
                    field(key),
                    metadata.offsetOf(key),
                    "%d entries for %d tokens".formatted(count, tokens.size()));
        }
    }

    private static ModelFormatException missing(GgufMetadata metadata, String key) {
        return new ModelFormatException(
                metadata.source(), field(key), ModelFormatException.UNKNOWN_OFFSET, "missing; a vocabulary needs it");
    }

    private static String field(String key) {
        return "metadata[\"" + key + "\"]";
    }
}
