package io.github.relayllm.core.tokenizer;

import io.github.relayllm.core.format.ModelFormatException;
import io.github.relayllm.core.format.gguf.GgufFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Text to token ids and back, exactly as llama.cpp (and Hugging Face's tokenizers) does it for the
 * vocabularies Relay supports: byte-level BPE ({@link ByteLevelBpeTokenizer}: GPT-2, Llama 3, Qwen2
 * to Qwen3) and SentencePiece-style BPE ({@link SentencePieceBpeTokenizer}: Llama 2, TinyLlamas).
 *
 * <pre>{@code
 * Tokenizer tokenizer = Tokenizer.of(vocabulary);                 // from a GGUF file's metadata
 * int[] ids = tokenizer.encode("Hello world", Tokenizer.Specials.AS_TEXT);
 * String text = tokenizer.decode(ids);                            // "Hello world"
 * }</pre>
 *
 * <p>Implementations are immutable and thread-safe; {@link #streamingDecoder()} hands out a
 * decoder per generation.
 */
public sealed interface Tokenizer permits VocabularyTokenizer {
    /** How {@link #encode} treats the text of special tokens. */
    enum Specials {
        /**
         * Special (control and unknown) token texts in the input, such as {@code <|im_start|>}, become
         * their ids: for prompts built by a chat template.
         */
        PARSE,
        /** Special token texts are ordinary text: for user input that must not inject control tokens. */
        AS_TEXT
    }

    /**
     * The ids of {@code text}. User-defined added tokens (Qwen3's {@code <think>}, {@code
     * <tool_call>}) are matched in plain text in both modes. Never adds BOS: callers prepend {@link
     * #bosId()} when {@link #addsBos()} says so.
     *
     * <p>Unpaired surrogates in {@code text} are encoded as U+FFFD. A tokenizer read from a {@code
     * tokenizer.json} with an NFC normalizer (Qwen's) NFC-normalizes the text between added tokens
     * first, as Hugging Face does; one read from GGUF does not, as llama.cpp does not.
     */
    int[] encode(String text, Specials specials);

    /**
     * The text of {@code ids}: every token's bytes ({@link #tokenBytes}) joined and read as UTF-8,
     * each ill-formed run replaced by U+FFFD as Hugging Face's decoders do. SentencePiece vocabularies
     * drop the space their dummy prefix put in front of the text.
     *
     * @throws IllegalArgumentException if an id is outside {@code 0..size()-1}
     */
    String decode(int[] ids);

    /**
     * The raw bytes token {@code id} stands for: byte-level pieces mapped back through {@link
     * ByteLevelAlphabet}, SentencePiece pieces with {@code ▁} as space and {@code <0xXX>} as that
     * byte, added (control, user-defined, unknown) tokens as the UTF-8 of their text, unused
     * placeholders as nothing. May be part of a UTF-8 sequence.
     *
     * @throws IllegalArgumentException if {@code id} is outside {@code 0..size()-1}
     */
    byte[] tokenBytes(int id);

    /** A new decoder for text that arrives one token at a time. */
    StreamingDecoder streamingDecoder();

    /** The vocabulary's piece for {@code id}, as stored (byte-level pieces in GPT-2's alphabet). */
    String piece(int id);

    /** The id whose piece is {@code piece}, if any. */
    OptionalInt idOf(String piece);

    /** Number of ids: one more than the largest. */
    int size();

    TokenType type(int id);

    /** The beginning-of-sequence token, if the vocabulary has one. */
    OptionalInt bosId();

    /** The tokens that end generation (EOS, end-of-turn markers). */
    List<Integer> endOfGenerationIds();

    /** Whether prompts start with {@link #bosId()}. */
    boolean addsBos();

    /**
     * The tokenizer of the model at {@code model}: a GGUF file (a vocabulary-only one will do) or a
     * directory holding a Hugging Face {@code tokenizer.json} (and, optionally, {@code
     * tokenizer_config.json}).
     *
     * @throws io.github.relayllm.core.format.ModelFormatException if the file has no tokenizer or
     *     describes one Relay does not implement
     */
    static Tokenizer load(Path model) throws IOException {
        if (Files.isDirectory(model)) {
            Path tokenizerJson = model.resolve("tokenizer.json");
            if (!Files.isRegularFile(tokenizerJson)) {
                throw new ModelFormatException(
                        model.toString(), "tokenizer.json", ModelFormatException.UNKNOWN_OFFSET, "missing");
            }
            Path config = model.resolve("tokenizer_config.json");
            return fromHuggingFace(tokenizerJson, Files.isRegularFile(config) ? Optional.of(config) : Optional.empty());
        }
        try (GgufFile gguf = GgufFile.open(model)) {
            return of(Vocabulary.of(gguf.metadata())
                    .orElseThrow(() -> new ModelFormatException(
                            gguf.source(),
                            "metadata[\"tokenizer.ggml.model\"]",
                            ModelFormatException.UNKNOWN_OFFSET,
                            "missing: the file has no tokenizer")));
        }
    }

    /**
     * The tokenizer a GGUF vocabulary describes.
     *
     * @throws io.github.relayllm.core.format.ModelFormatException if {@code tokenizer.ggml.model} or
     *     {@code tokenizer.ggml.pre} names a tokenizer Relay does not implement, or the vocabulary
     *     lacks what its kind needs
     */
    static Tokenizer of(Vocabulary vocabulary) {
        return switch (vocabulary.model()) {
            case "gpt2" -> ByteLevelBpeTokenizer.of(vocabulary);
            case "llama" -> SentencePieceBpeTokenizer.of(vocabulary);
            default ->
                throw vocabulary.invalid(
                        Vocabulary.MODEL,
                        ("unknown tokenizer model '%s'; Relay supports gpt2 (byte-level BPE)"
                                        + " and llama (SentencePiece BPE)")
                                .formatted(vocabulary.model()));
        };
    }

    /**
     * The tokenizer of a Hugging Face {@code tokenizer.json}, with {@code add_bos_token}, {@code
     * bos_token} and {@code eos_token} from {@code tokenizer_config.json} when given.
     *
     * @throws io.github.relayllm.core.format.ModelFormatException if a file is malformed or describes
     *     a pipeline Relay does not implement; the message names the file and field
     */
    static Tokenizer fromHuggingFace(Path tokenizerJson, Optional<Path> tokenizerConfigJson) throws IOException {
        return TokenizerJsonReader.read(tokenizerJson, tokenizerConfigJson);
    }
}
