package io.github.relayllm.core.kv;

import java.util.Arrays;

/**
 * One sequence's share of a {@link KvCachePool}: the token ids its cache holds (positions {@code 0}
 * to {@code length() - 1}) and the blocks those positions live in, in order (its block table).
 * Position {@code p} sits at slot {@code blockTable[p / blockSize] * blockSize + p % blockSize} of
 * the device caches.
 *
 * <p>How a runner uses it, per request or relay turn:
 *
 * <pre>{@code
 * int cached = sequence.reuse(promptIds);              // keep the longest common prefix
 * sequence.append(promptIds, cached, promptIds.length); // claim slots for the rest
 * sequence.slots(cached, promptIds.length, slots, 0);   // where the prefill writes them
 * }</pre>
 *
 * then, per decoded token, {@code append(token)} and {@code slots(length() - 1, length(), ...)}. A
 * sequence records tokens when their slots are claimed, before the device has written them; a
 * runner whose forward pass fails must {@link #truncate} back to what it knows is written.
 *
 * <p>Invariants: it holds exactly {@code pool.blocksFor(length())} blocks and never more than
 * {@code maxLength()} positions; every operation that throws leaves it (and the pool) unchanged.
 * Not thread-safe; {@link #close()} returns its blocks to the pool and is idempotent.
 */
public final class KvSequence implements AutoCloseable {
    private static final int INITIAL_TOKEN_CAPACITY = 256;

    private final KvCachePool pool;
    private final int maxLength;
    private final int[] blockTable;
    private int blocks;
    private int[] tokens;
    private int length;
    private boolean closed;

    KvSequence(KvCachePool pool, int maxLength) {
        this.pool = pool;
        this.maxLength = maxLength;
        this.blockTable = new int[pool.blocksFor(maxLength)];
        this.tokens = new int[Math.min(maxLength, INITIAL_TOKEN_CAPACITY)];
    }

    /** Positions the cache holds. */
    public int length() {
        return length;
    }

    /** The most positions it may hold. */
    public int maxLength() {
        return maxLength;
    }

    /** Blocks it holds: {@code pool.blocksFor(length())}. */
    public int blockCount() {
        return blocks;
    }

    /** The width of a device block-table row that fits this sequence at its maximum length. */
    public int maxBlocks() {
        return blockTable.length;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** The token id at {@code position}. */
    public int tokenAt(int position) {
        checkPosition(position);
        return tokens[position];
    }

    /** A copy of the token ids it holds. */
    public int[] tokens() {
        return Arrays.copyOf(tokens, length);
    }

    /** A copy of its block table: the ids of the blocks it holds, position order. */
    public int[] blockTable() {
        return Arrays.copyOf(blockTable, blocks);
    }

    /** How many leading tokens of {@code context} it holds already; changes nothing. */
    public int commonPrefixLength(int[] context) {
        int mismatch = Arrays.mismatch(tokens, 0, length, context, 0, context.length);
        return mismatch < 0 ? length : mismatch;
    }

    /**
     * Prepares to extend its cache to {@code context}: keeps the longest common prefix of what it holds
     * and {@code context}, but at most {@code context.length - 1} tokens, since the last token must be
     * run again to produce the logits that follow it; drops the rest and frees the blocks no longer
     * needed. This is prompt caching across requests, and what makes a relay hand-off cost only the
     * tokens the other model wrote.
     *
     * @return the tokens kept; the caller appends and prefills {@code context[kept..]}
     */
    public int reuse(int[] context) {
        requireOpen();
        int kept = Math.min(commonPrefixLength(context), Math.max(0, context.length - 1));
        truncate(kept);
        return kept;
    }

    /** Drops the positions from {@code newLength} on, freeing the blocks no longer needed. */
    public void truncate(int newLength) {
        requireOpen();
        if (newLength < 0 || newLength > length) {
            throw new IllegalArgumentException(
                    "can not truncate a sequence of %d tokens to %d".formatted(length, newLength));
        }
        int keptBlocks = pool.blocksFor(newLength);
        pool.release(blockTable, keptBlocks, blocks);
        blocks = keptBlocks;
        length = newLength;
    }

    /** Appends one token: {@code append(new int[] {token}, 0, 1)} without the array. */
    public void append(int token) {
        requireOpen();
        requireTokenId(token, 0);
        claim(1);
        tokens[length++] = token;
    }

    /**
     * Records {@code source[from..to)} as held at positions {@code length()} onwards, taking the
     * blocks they need from the pool.
     *
     * @throws ContextLengthExceededException past {@link #maxLength()}
     * @throws KvCacheFullException when the pool has too few free blocks
     */
    public void append(int[] source, int from, int to) {
        requireOpen();
        if (from < 0 || to < from || to > source.length) {
            throw new IllegalArgumentException("tokens [%d, %d) of an array of %d".formatted(from, to, source.length));
        }
        for (int i = from; i < to; i++) {
            requireTokenId(source[i], i);
        }
        claim(to - from);
        System.arraycopy(source, from, tokens, length, to - from);
        length += to - from;
    }

    /** The cache slot of {@code position}, which must be below {@link #length()}. */
    public int slotOf(int position) {
        checkPosition(position);
        int blockSize = pool.blockSize();
        return blockTable[position / blockSize] * blockSize + position % blockSize;
    }

    /** Writes the slots of positions {@code from..to} (exclusive) to {@code out[offset..]}. */
    public void slots(int from, int to, int[] out, int offset) {
        if (from < 0 || to < from || to > length) {
            throw new IllegalArgumentException(
                    "positions [%d, %d) of a sequence of %d tokens".formatted(from, to, length));
        }
        if (offset < 0 || offset > out.length - (to - from)) {
            throw new IllegalArgumentException(
                    "%d slots do not fit at offset %d of an array of %d".formatted(to - from, offset, out.length));
        }
        int blockSize = pool.blockSize();
        for (int position = from; position < to; position++) {
            out[offset++] = blockTable[position / blockSize] * blockSize + position % blockSize;
        }
    }

    /**
     * Writes its block table into {@code row[offset..offset+width)} for the device, padding the
     * entries past {@link #blockCount()} with block 0 (a valid id; attention never reads a position
     * past a row's own, so the padding is never dereferenced).
     */
    public void writeBlockTable(int[] row, int offset, int width) {
        if (width < blocks) {
            throw new IllegalArgumentException(
                    "a block-table row of %d entries can not hold a sequence of %d blocks".formatted(width, blocks));
        }
        if (offset < 0 || offset > row.length - width) {
            throw new IllegalArgumentException("a row of %d entries does not fit at offset %d of an array of %d"
                    .formatted(width, offset, row.length));
        }
        System.arraycopy(blockTable, 0, row, offset, blocks);
        Arrays.fill(row, offset + blocks, offset + width, 0);
    }

    /** Returns its blocks to the pool and forgets its tokens; later calls do nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        pool.release(blockTable, 0, blocks);
        blocks = 0;
        length = 0;
        closed = true;
    }

    /** Takes the blocks {@code count} more positions need, and room for their tokens; all or nothing. */
    private void claim(int count) {
        if (count > maxLength - length) {
            throw new ContextLengthExceededException((long) length + count, maxLength);
        }
        int newLength = length + count;
        int needed = pool.blocksFor(newLength) - blocks;
        if (needed > 0) {
            pool.allocate(needed, blockTable, blocks);
            blocks += needed;
        }
        if (newLength > tokens.length) {
            tokens = Arrays.copyOf(tokens, Math.min(maxLength, Math.max(newLength, 2 * tokens.length)));
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the KV sequence is closed");
        }
    }

    private static void requireTokenId(int token, int index) {
        if (token < 0) {
            throw new IllegalArgumentException("token %d is a negative id: %d".formatted(index, token));
        }
    }

    private void checkPosition(int position) {
        if (position < 0 || position >= length) {
            throw new IllegalArgumentException("position %d of a sequence of %d tokens".formatted(position, length));
        }
    }
}
