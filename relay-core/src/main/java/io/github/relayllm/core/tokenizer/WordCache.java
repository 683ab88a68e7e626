package io.github.relayllm.core.tokenizer;

import java.util.function.Function;

/**
 * Token ids of words already encoded: real text repeats its words, so most words skip BPE.
 *
 * <p>A direct-mapped cache of {@value #SLOTS} slots: a word goes to the slot its hash picks and
 * replaces whatever was there, so memory stays bounded with no eviction pass, and a lookup hashes
 * the word where it lies in the text, allocating nothing on a hit. Each slot's word hash sits in a
 * small array of its own, so that a miss (usually a different hash) costs no visit to the entry on
 * the heap. Words longer than {@value
 * #MAX_WORD_CHARS} chars (runs of CJK text, long numbers) rarely repeat and are not cached.
 *
 * <p>Thread-safe without locks: slots hold immutable entries, so a thread sees either an old entry or
 * a new one, and a hash that does not belong to the entry it reads costs at most a miss (the word
 * itself is always compared). The arrays it hands out must not be modified.
 */
final class WordCache {
    static final int SLOTS = 1 << 16;
    static final int MAX_WORD_CHARS = 32;

    private record Entry(String word, int[] ids) {}

    private final Entry[] slots = new Entry[SLOTS];
    private final int[] hashes = new int[SLOTS];

    /** The ids of the word {@code text[start, end)}, computed by {@code encoder} unless cached. */
    int[] get(String text, int start, int end, Function<String, int[]> encoder) {
        int length = end - start;
        if (length > MAX_WORD_CHARS) {
            return encoder.apply(text.substring(start, end));
        }
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + text.charAt(i);
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        if (hashes[slot] == hash) {
            Entry entry = slots[slot];
            if (entry != null && entry.word.length() == length && entry.word.regionMatches(0, text, start, length)) {
                return entry.ids;
            }
        }
        String word = text.substring(start, end);
        int[] ids = encoder.apply(word);
        slots[slot] = new Entry(word, ids);
        hashes[slot] = hash;
        return ids;
    }
}
