package io.github.relayllm.core.tokenizer;

import java.util.Arrays;

/**
 * The BPE merge loop of llama.cpp's {@code llm_tokenizer_bpe} and {@code llm_tokenizer_spm}: keep
 * merging the adjacent pair of lowest {@linkplain BpeMerges rank}, the leftmost among equals, until
 * no adjacent pair merges. Candidate pairs wait in a min-heap keyed by {@code rank << 32 | left
 * position}. Each position remembers the rank and result of the pair it currently starts, looked
 * up once when the pair forms; a popped entry whose rank is no longer its position's is stale and
 * skipped. (An entry of equal rank left over from an earlier pair at the same position has the same
 * heap key as the current pair's, so taking either is the same step.)
 *
 * <p>Works on token ids in place; holds scratch arrays that grow to the longest input, so one
 * instance serves one thread (a tokenizer creates one per {@code encode} call). Cost: O(n log n) for
 * n symbols, no allocation once warm.
 */
final class BpeMerger {
    /** The id left at the position of a symbol that merged into its left neighbour. */
    static final int MERGED = Integer.MIN_VALUE;

    private final BpeMerges merges;
    private int[] previous = new int[32];
    private int[] next = new int[32];
    /** Rank of the pair starting at each position, -1 if it does not merge; and what it merges into. */
    private int[] pairRank = new int[32];

    private int[] pairResult = new int[32];
    private long[] heap = new long[32];
    private int heapSize;

    BpeMerger(BpeMerges merges) {
        this.merges = merges;
    }

    /**
     * Merges {@code symbols[0, count)}: each surviving symbol keeps its position and holds its
     * merged id, each absorbed one holds {@link #MERGED}. Negative ids (no token) never merge.
     */
    void merge(int[] symbols, int count) {
        if (previous.length < count) {
            int capacity = Math.max(count, previous.length * 2);
            previous = new int[capacity];
            next = new int[capacity];
            pairRank = new int[capacity];
            pairResult = new int[capacity];
        }
        for (int i = 0; i < count; i++) {
            previous[i] = i - 1;
            next[i] = i + 1 < count ? i + 1 : -1;
        }
        heapSize = 0;
        for (int i = 0; i + 1 < count; i++) {
            offer(symbols, i, i + 1);
        }
        if (count > 0) {
            pairRank[count - 1] = -1;
        }
        while (heapSize > 0) {
            long top = poll();
            int left = (int) top;
            if (symbols[left] == MERGED || pairRank[left] != (int) (top >>> 32)) {
                continue; // stale: a symbol of this pair changed since it was queued
            }
            int right = next[left];
            symbols[left] = pairResult[left];
            symbols[right] = MERGED;
            int after = next[right];
            next[left] = after;
            if (after >= 0) {
                previous[after] = left;
                offer(symbols, left, after);
            } else {
                pairRank[left] = -1;
            }
            if (previous[left] >= 0) {
                offer(symbols, previous[left], left);
            }
        }
    }

    /** Looks up the pair at {@code left} and queues it if it merges. */
    private void offer(int[] symbols, int left, int right) {
        long entry =
                symbols[left] < 0 || symbols[right] < 0 ? BpeMerges.ABSENT : merges.find(symbols[left], symbols[right]);
        if (entry == BpeMerges.ABSENT) {
            pairRank[left] = -1;
            return;
        }
        pairRank[left] = BpeMerges.rank(entry);
        pairResult[left] = BpeMerges.result(entry);
        push((long) BpeMerges.rank(entry) << 32 | left);
    }

    private void push(long key) {
        if (heapSize == heap.length) {
            heap = Arrays.copyOf(heap, heapSize * 2);
        }
        int at = heapSize++;
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (heap[parent] <= key) {
                break;
            }
            heap[at] = heap[parent];
            at = parent;
        }
        heap[at] = key;
    }

    private long poll() {
        long top = heap[0];
        long last = heap[--heapSize];
        int at = 0;
        while (true) {
            int child = 2 * at + 1;
            if (child >= heapSize) {
                break;
            }
            if (child + 1 < heapSize && heap[child + 1] < heap[child]) {
                child++;
            }
            if (heap[child] >= last) {
                break;
            }
            heap[at] = heap[child];
            at = child;
        }
        heap[at] = last;
        return top;
    }
}
