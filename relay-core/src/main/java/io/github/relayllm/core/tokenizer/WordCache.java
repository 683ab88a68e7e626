package io.github.relayllm.core.tokenizer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Token ids of words already encoded: real text repeats its words, so most words skip BPE. Bounded:
 * when it holds {@value #MAX_WORDS} words it starts over, which keeps the memory small and the
 * common words (met again right away) cached. Words longer than {@value #MAX_WORD_CHARS} chars (runs
 * of CJK text, long numbers) rarely repeat and are not cached. Thread-safe; the arrays it hands out
 * must not be modified.
 */
final class WordCache {
    static final int MAX_WORDS = 1 << 16;
    static final int MAX_WORD_CHARS = 32;

    private final ConcurrentHashMap<String, int[]> ids = new ConcurrentHashMap<>();

    /** The ids of {@code word}, computed by {@code encoder} unless cached. */
    int[] get(String word, Function<String, int[]> encoder) {
        if (word.length() > MAX_WORD_CHARS) {
            return encoder.apply(word);
        }
        int[] cached = ids.get(word);
        if (cached == null) {
            cached = encoder.apply(word);
            if (ids.size() >= MAX_WORDS) {
                ids.clear();
            }
            ids.put(word, cached);
        }
        return cached;
    }
}
