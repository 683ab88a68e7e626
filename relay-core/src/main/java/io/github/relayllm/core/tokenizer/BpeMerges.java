package io.github.relayllm.core.tokenizer;

import java.util.Arrays;
import java.util.List;

/**
 * The merge table of a BPE vocabulary: for a pair of adjacent token ids, the rank of merging them
 * (lower merges first) and the id of the merged token. Byte-level vocabularies rank their merges by
 * list position; SentencePiece vocabularies by the score of the merged piece, equal scores sharing a
 * rank (so that, as in llama.cpp, the leftmost of equally scored pairs merges first).
 *
 * <p>An open-addressing hash table of primitive longs, each key beside its entry so that a lookup
 * touches one cache line: no boxing on the hot path, 16 bytes per slot, at most two thirds full
 * (4 MB for Qwen's 151,387 merges). Immutable once built; thread-safe.
 */
final class BpeMerges {
    /** What {@link #find} returns for a pair that does not merge. */
    static final long ABSENT = -1;

    private static final long EMPTY = -1;
    private static final int SMALL = 256;

    /** Slot {@code i} holds its key at {@code 2i} and its entry at {@code 2i + 1}. */
    private final long[] table;

    /**
     * Entries of pairs of ids below {@value #SMALL}, by {@code left << 8 | right}: byte-level
     * vocabularies put their 256 byte tokens first, so every word's first round of lookups lands in
     * this 512 KB array, which stays in cache, instead of the large table.
     */
    private final long[] small = new long[SMALL * SMALL];

    private final int mask;

    private BpeMerges(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected + expected / 2) - 1) << 1;
        table = new long[2 * capacity];
        mask = capacity - 1;
        for (int slot = 0; slot < capacity; slot++) {
            table[2 * slot] = EMPTY;
        }
        Arrays.fill(small, ABSENT);
    }

    /**
     * Merges given as pairs of pieces, highest priority first ({@code tokenizer.ggml.merges}, a
     * tokenizer.json's {@code model.merges}). A pair whose pieces or concatenation are not tokens is
     * skipped (no tokenizer could emit its result); a pair listed twice keeps its first rank.
     */
    static BpeMerges ranked(TokenTable tokens, List<String[]> pairs) {
        BpeMerges merges = new BpeMerges(pairs.size());
        int rank = 0;
        for (String[] pair : pairs) {
            int left = tokens.id(pair[0]);
            int right = tokens.id(pair[1]);
            int merged = tokens.id(pair[0] + pair[1]);
            if (left >= 0 && right >= 0 && merged >= 0) {
                merges.put(left, right, rank, merged);
            }
            rank++;
        }
        return merges;
    }

    /**
     * SentencePiece merges as llama.cpp's {@code llm_tokenizer_spm} finds them: every split of a
     * piece into two pieces merges into it, ranked by the piece's score (higher first).
     */
    static BpeMerges fromScores(TokenTable tokens, float[] scores) {
        float[] levels = distinctDescending(scores);
        int expected = 0;
        for (int id = 0; id < tokens.size(); id++) {
            expected += Math.max(0, tokens.piece(id).length() - 1);
        }
        BpeMerges merges = new BpeMerges(expected);
        for (int id = 0; id < tokens.size(); id++) {
            String piece = tokens.piece(id);
            if (tokens.id(piece) != id) {
                continue; // a duplicate piece: lookups find the first id
            }
            int rank = rankOf(levels, scores[id]);
            for (int cut = Utf8.charCountAt(piece, 0); cut < piece.length(); cut += Utf8.charCountAt(piece, cut)) {
                int left = tokens.id(piece.substring(0, cut));
                int right = tokens.id(piece.substring(cut));
                if (left >= 0 && right >= 0) {
                    merges.put(left, right, rank, id);
                }
            }
        }
        return merges;
    }

    /** The entry for merging {@code left} then {@code right}, or {@link #ABSENT}. */
    long find(int left, int right) {
        if ((left | right) < SMALL) {
            return small[left << 8 | right];
        }
        long key = key(left, right);
        for (int slot = slot(key); ; slot = (slot + 1) & mask) {
            long found = table[2 * slot];
            if (found == key) {
                return table[2 * slot + 1];
            }
            if (found == EMPTY) {
                return ABSENT;
            }
        }
    }

    /** The rank of an entry {@link #find} returned. */
    static int rank(long entry) {
        return (int) (entry >>> 32);
    }

    /** The merged token of an entry {@link #find} returned. */
    static int result(long entry) {
        return (int) entry;
    }

    /** Adds a merge unless the pair already has one. */
    private void put(int left, int right, int rank, int merged) {
        long key = key(left, right);
        int slot = slot(key);
        while (table[2 * slot] != EMPTY && table[2 * slot] != key) {
            slot = (slot + 1) & mask;
        }
        if (table[2 * slot] == EMPTY) {
            long entry = (long) rank << 32 | (merged & 0xFFFFFFFFL);
            table[2 * slot] = key;
            table[2 * slot + 1] = entry;
            if ((left | right) < SMALL) {
                small[left << 8 | right] = entry;
            }
        }
    }

    /** The distinct values of {@code scores}, highest first. */
    private static float[] distinctDescending(float[] scores) {
        float[] sorted = scores.clone();
        Arrays.sort(sorted);
        float[] levels = new float[sorted.length];
        int count = 0;
        for (int i = sorted.length - 1; i >= 0; i--) {
            if (count == 0 || Float.compare(levels[count - 1], sorted[i]) != 0) {
                levels[count++] = sorted[i];
            }
        }
        return Arrays.copyOf(levels, count);
    }

    /** The position of {@code score} among {@code levels} (distinct, descending): its rank. */
    private static int rankOf(float[] levels, float score) {
        int low = 0;
        int high = levels.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (Float.compare(levels[mid], score) > 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static long key(int left, int right) {
        return (long) left << 32 | (right & 0xFFFFFFFFL);
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
