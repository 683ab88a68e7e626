package io.github.relayllm.core.tokenizer;

/**
 * GPT-2's pre-tokenizer, {@link PreTokenizerType#GPT2}: {@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+|
 * ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+}, contractions case-sensitive.
 */
final class Gpt2WordSplitter implements WordSplitter {
    @Override
    public void split(String text, int start, int end, WordSink sink) {
        int at = start;
        while (at < end) {
            int wordEnd = wordAt(text, at, end);
            sink.word(at, wordEnd);
            at = wordEnd;
        }
    }

    private static int wordAt(String text, int at, int end) {
        char c = text.charAt(at);
        int afterFirst = WordSplitter.next(text, at);
        if (c == '\'' && afterFirst < end) {
            int contraction = WordSplitter.contractionLength(text, afterFirst, end, false);
            if (contraction > 0) {
                return afterFirst + contraction;
            }
        }
        CodePointClass kind = WordSplitter.classAt(text, at);
        int runStart = at;
        if (c == ' ' && afterFirst < end) {
            CodePointClass following = WordSplitter.classAt(text, afterFirst);
            if (following != CodePointClass.WHITESPACE) {
                kind = following; // " ?X+": the space prefixes a run of letters, numbers or others
                runStart = afterFirst;
            }
        }
        int runEnd = WordSplitter.skip(text, runStart, end, kind);
        return kind == CodePointClass.WHITESPACE ? WordSplitter.whitespaceEnd(at, runEnd, end) : runEnd;
    }
}
