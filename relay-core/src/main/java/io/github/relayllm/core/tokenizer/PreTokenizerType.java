package io.github.relayllm.core.tokenizer;

import java.util.Arrays;
import java.util.Optional;

/**
 * The pre-tokenizers of the byte-level BPE families Relay supports: the regular expression that
 * splits text into words before BPE merges run inside each word. GGUF files name them in {@code
 * tokenizer.ggml.pre}; Hugging Face {@code tokenizer.json} files spell out the regex.
 */
public enum PreTokenizerType {
    /** GPT-2: contractions, letters and numbers each with an optional leading space. */
    GPT2("gpt-2", "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+"),
    /** Llama 3: case-insensitive contractions, numbers in groups of up to three digits. */
    LLAMA3(
            "llama-bpe",
            "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
                    + "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"),
    /** Qwen2, Qwen2.5 and Qwen3: as Llama 3, but every digit is its own word. */
    QWEN2(
            "qwen2",
            "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
                    + "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+");

    private final String ggufName;
    private final String regex;

    PreTokenizerType(String ggufName, String regex) {
        this.ggufName = ggufName;
        this.regex = regex;
    }

    /** The name GGUF's {@code tokenizer.ggml.pre} uses. */
    public String ggufName() {
        return ggufName;
    }

    /** The splitting regex, in the syntax of Hugging Face's tokenizers (and of java.util.regex). */
    public String regex() {
        return regex;
    }

    /** The type GGUF calls {@code name}. */
    public static Optional<PreTokenizerType> fromGguf(String name) {
        return Arrays.stream(values()).filter(t -> t.ggufName.equals(name)).findFirst();
    }

    /** The type whose splitting regex is exactly {@code regex}. */
    public static Optional<PreTokenizerType> fromRegex(String regex) {
        return Arrays.stream(values()).filter(t -> t.regex.equals(regex)).findFirst();
    }
}
