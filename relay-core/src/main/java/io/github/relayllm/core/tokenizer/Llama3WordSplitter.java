package io.github.relayllm.core.tokenizer;

/**
 * The pre-tokenizer of Llama 3 ({@link PreTokenizerType#LLAMA3}, numbers in groups of up to three
 * digits) and of Qwen2/2.5/3 ({@link PreTokenizerType#QWEN2}, every digit alone): {@code
 * (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,k}| ?[^\s\p{L}\p{N}]+[\r\n]*|
 * \s*[\r\n]+|\s+(?!\S)|\s+}.
 *
 * <p>The contractions are case-insensitive in ASCII only, as in llama.cpp; Hugging Face's Rust regex
 * also folds {@code 's} to U+017F ({@code ſ}), a difference only text with an apostrophe before a
 * long s can see.
 */
final class Llama3WordSplitter implements WordSplitter {
    private final int maxDigits;

    Llama3WordSplitter(int maxDigits) {
        this.maxDigits = maxDigits;
    }

    @Override
    public void split(String text, int start, int end, WordSink sink) {
        int at = start;
        while (at < end) {
            int wordEnd = wordAt(text, at, end);
            sink.word(at, wordEnd);
            at = wordEnd;
        }
    }

    private int wordAt(String text, int at, int end) {
        char c = text.charAt(at);
        int afterFirst = WordSplitter.next(text, at);
        if (c == '\'' && afterFirst < end) {
            int contraction = WordSplitter.contractionLength(text, afterFirst, end, true);
            if (contraction > 0) {
                return afterFirst + contraction;
            }
        }
        CodePointClass kind = WordSplitter.classAt(text, at);
        boolean newline = c == '\r' || c == '\n';
        if (kind == CodePointClass.LETTER
                || (!newline
                        && kind != CodePointClass.NUMBER
                        && afterFirst < end
                        && WordSplitter.classAt(text, afterFirst) == CodePointClass.LETTER)) {
            return WordSplitter.skip(text, afterFirst, end, CodePointClass.LETTER);
        }
        if (kind == CodePointClass.NUMBER) {
            int wordEnd = afterFirst;
            for (int digits = 1;
                    digits < maxDigits && wordEnd < end && WordSplitter.classAt(text, wordEnd) == kind;
                    digits++) {
                wordEnd = WordSplitter.next(text, wordEnd);
            }
            return wordEnd;
        }
        int othersStart = kind == CodePointClass.OTHER ? at : -1;
        if (c == ' ' && afterFirst < end && WordSplitter.classAt(text, afterFirst) == CodePointClass.OTHER) {
            othersStart = afterFirst;
        }
        if (othersStart >= 0) {
            int wordEnd = WordSplitter.skip(text, othersStart, end, CodePointClass.OTHER);
            while (wordEnd < end && (text.charAt(wordEnd) == '\r' || text.charAt(wordEnd) == '\n')) {
                wordEnd++;
            }
            return wordEnd;
        }
        // Whitespace: up to its last line break if it has one, else \s+(?!\S) or \s+.
        int runEnd = at;
        int lastBreak = -1;
        while (runEnd < end && WordSplitter.classAt(text, runEnd) == CodePointClass.WHITESPACE) {
            char w = text.charAt(runEnd);
            if (w == '\r' || w == '\n') {
                lastBreak = runEnd;
            }
            runEnd++;
        }
        return lastBreak >= 0 ? lastBreak + 1 : WordSplitter.whitespaceEnd(at, runEnd, end);
    }
}
