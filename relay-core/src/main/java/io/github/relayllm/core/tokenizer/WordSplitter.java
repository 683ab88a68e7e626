package io.github.relayllm.core.tokenizer;

/**
 * A pre-tokenizer: splits text into the words that byte-level BPE merges inside. Each
 * implementation is a hand-written scanner equal to one {@link PreTokenizerType}'s regex (its tests
 * compare it with {@code java.util.regex} on random text), because the regex is the hot path of
 * encoding and a scanner does the same work without backtracking or allocation.
 *
 * <p>Words cover the text without gaps, in order. Implementations are stateless and thread-safe.
 */
sealed interface WordSplitter permits Gpt2WordSplitter, Llama3WordSplitter {
    /** Receives each word as the char range {@code [start, end)} of the text being split. */
    @FunctionalInterface
    interface WordSink {
        void word(int start, int end);
    }

    /** Splits {@code text[start, end)}, which the regex sees as a whole string. */
    void split(String text, int start, int end, WordSink sink);

    /** The scanner for {@code type}'s regex. */
    static WordSplitter of(PreTokenizerType type) {
        return switch (type) {
            case GPT2 -> new Gpt2WordSplitter();
            case LLAMA3 -> new Llama3WordSplitter(3);
            case QWEN2 -> new Llama3WordSplitter(1);
        };
    }

    /** The class of the code point at {@code index}. */
    static CodePointClass classAt(String text, int index) {
        char c = text.charAt(index);
        return Character.isSurrogate(c) ? CodePointClass.of(Utf8.codePointAt(text, index)) : CodePointClass.of(c);
    }

    /** The index after the code point at {@code index}. */
    static int next(String text, int index) {
        return index + Utf8.charCountAt(text, index);
    }

    /** The index after a run of {@code kind} code points from {@code index}. */
    static int skip(String text, int index, int end, CodePointClass kind) {
        while (index < end && classAt(text, index) == kind) {
            index = next(text, index);
        }
        return index;
    }

    /**
     * The length of the contraction ({@code s t m d re ve ll}) after an apostrophe at {@code
     * index - 1}, or 0; letters compared ASCII case-insensitively when {@code ignoreCase}.
     */
    static int contractionLength(String text, int index, int end, boolean ignoreCase) {
        char first = lower(text.charAt(index), ignoreCase);
        if (first == 's' || first == 't' || first == 'm' || first == 'd') {
            return 1;
        }
        if (index + 1 < end) {
            char second = lower(text.charAt(index + 1), ignoreCase);
            if ((first == 'r' && second == 'e') || (first == 'v' && second == 'e') || (first == 'l' && second == 'l')) {
                return 2;
            }
        }
        return 0;
    }

    private static char lower(char c, boolean ignoreCase) {
        return ignoreCase && c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /**
     * The end of the whitespace match {@code \s+(?!\S)|\s+} at {@code start}, where the run of
     * whitespace ends at {@code runEnd}: all of it at the end of the text or when it is one code
     * point, else all but its last code point (which then prefixes the next word). White_Space code
     * points are all single chars.
     */
    static int whitespaceEnd(int start, int runEnd, int end) {
        return runEnd < end && runEnd - start >= 2 ? runEnd - 1 : runEnd;
    }
}
