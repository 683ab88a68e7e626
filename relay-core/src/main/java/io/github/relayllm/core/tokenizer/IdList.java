package io.github.relayllm.core.tokenizer;

import java.util.Arrays;

/** A growable list of token ids: what {@code encode} collects before it returns an array. */
final class IdList {
    private int[] ids;
    private int size;

    IdList(int capacity) {
        ids = new int[Math.max(8, capacity)];
    }

    void add(int id) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
        }
        ids[size++] = id;
    }

    void addAll(int[] more) {
        if (size + more.length > ids.length) {
            ids = Arrays.copyOf(ids, Math.max(size + more.length, size * 2));
        }
        System.arraycopy(more, 0, ids, size, more.length);
        size += more.length;
    }

    int[] toArray() {
        return Arrays.copyOf(ids, size);
    }
}
