package io.github.relayllm.core.sampling;

/**
 * Candidates as {@code long} keys whose natural order is the sampler's rank order: higher logit
 * first, and among equal logits the lower token id first. The high 32 bits hold the logit's bits
 * remapped so that signed-int order is descending float order, the low 32 bits the token id. Every
 * key is distinct, so "the k best" is always one well-defined set, whatever the ties.
 *
 * <p>Sorting and selection are heap-based on primitive arrays: O(n log n) in the worst case and no
 * allocation, which {@link java.util.Arrays#sort(long[])} does not promise for large arrays.
 */
final class RankKeys {
    private RankKeys() {}

    /** The key of token {@code index} with {@code logit}; NaN has no rank and must be screened out first. */
    static long of(float logit, int index) {
        int bits = Float.floatToRawIntBits(logit);
        int ascending = bits ^ ((bits >> 31) & 0x7fffffff);
        return ((long) ~ascending << 32) | index;
    }

    /** The token id of {@code key}. */
    static int index(long key) {
        return (int) key;
    }

    /**
     * Moves the {@code k} best keys of {@code logits} (that is, the {@code k} smallest keys) into
     * {@code out[0..k)}, in rank order. O(n log k); {@code 1 <= k <= logits.length}.
     */
    static void selectBest(float[] logits, int k, long[] out) {
        for (int i = 0; i < k; i++) {
            out[i] = of(logits[i], i);
        }
        heapify(out, 0, k);
        for (int i = k; i < logits.length; i++) {
            long key = of(logits[i], i);
            if (key < out[0]) {
                out[0] = key;
                siftDown(out, 0, 0, k);
            }
        }
        sortHeap(out, 0, k);
    }

    /** Sorts {@code keys[from..to)} ascending (best first), in place, by heapsort. */
    static void sort(long[] keys, int from, int to) {
        heapify(keys, from, to - from);
        sortHeap(keys, from, to - from);
    }

    /** Makes {@code heap[base..base+n)} a max-heap. */
    private static void heapify(long[] heap, int base, int n) {
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(heap, base, i, n);
        }
    }

    /** Turns the max-heap {@code heap[base..base+n)} into ascending order. */
    private static void sortHeap(long[] heap, int base, int n) {
        for (int end = n - 1; end > 0; end--) {
            long top = heap[base];
            heap[base] = heap[base + end];
            heap[base + end] = top;
            siftDown(heap, base, 0, end);
        }
    }

    /** Restores the max-heap property below {@code i} in the heap {@code heap[base..base+n)}. */
    private static void siftDown(long[] heap, int base, int i, int n) {
        long value = heap[base + i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= n) {
                break;
            }
            if (child + 1 < n && heap[base + child + 1] > heap[base + child]) {
                child++;
            }
            if (heap[base + child] <= value) {
                break;
            }
            heap[base + i] = heap[base + child];
            i = child;
        }
        heap[base + i] = value;
    }
}
