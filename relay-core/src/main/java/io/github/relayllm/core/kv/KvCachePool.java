package io.github.relayllm.core.kv;

/**
 * The host side of one model's paged KV cache: which of its blocks are free. The device holds, per
 * layer, a key and a value cache of {@link #slotCount()} rows (slots); block {@code b} owns slots
 * {@code b * blockSize} to {@code b * blockSize + blockSize - 1}. The pool hands blocks to {@link
 * KvSequence}s, which map their token positions to slots through their block tables.
 *
 * <p>Invariants: a block is either free or held by exactly one live sequence; {@code freeBlocks() +
 * usedBlocks() == blockCount()}. Blocks are handed out last-freed first, so a freed block is reused
 * before an untouched one (its cache lines are more likely warm).
 *
 * <p>All allocation and release goes through the pool, so that a scheduler can later preempt
 * sequences when it runs out. The pool is thread-safe (allocation and release are synchronized, each
 * O(blocks moved)); the sequences it creates are not, and are meant to be driven by one thread at a
 * time. Memory: two ints per block on the host, whatever the block size.
 */
public final class KvCachePool {
    private final int blockSize;
    private final int blockCount;
    /** Free block ids; the next one handed out is at {@code freeCount - 1}. */
    private final int[] freeStack;

    private final boolean[] held;
    private int freeCount;

    /**
     * A pool of {@code blockCount} blocks of {@code blockSize} token slots.
     *
     * @throws IllegalArgumentException if either is not positive, or the slots do not fit an int
     */
    public KvCachePool(int blockCount, int blockSize) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("a KV block must hold at least one token, not " + blockSize);
        }
        if (blockCount < 1) {
            throw new IllegalArgumentException("a KV cache pool needs at least one block, not " + blockCount);
        }
        if ((long) blockCount * blockSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("%d blocks of %d tokens exceed %d addressable slots"
                    .formatted(blockCount, blockSize, Integer.MAX_VALUE));
        }
        this.blockSize = blockSize;
        this.blockCount = blockCount;
        this.freeStack = new int[blockCount];
        this.held = new boolean[blockCount];
        for (int i = 0; i < blockCount; i++) {
            freeStack[i] = blockCount - 1 - i;
        }
        this.freeCount = blockCount;
    }

    /**
     * The largest pool that fits {@code budgetBytes} of device memory. {@code bytesPerToken} is what
     * one token position costs across the whole model: layers x 2 (key and value) x the key/value
     * width x bytes per cache element. A budget beyond {@link Integer#MAX_VALUE} slots is clamped to
     * that many.
     *
     * @throws IllegalArgumentException if the budget holds no block, or an argument is not positive
     */
    public static KvCachePool ofBudget(long budgetBytes, long bytesPerToken, int blockSize) {
        if (bytesPerToken < 1) {
            throw new IllegalArgumentException("bytes per token must be positive, not " + bytesPerToken);
        }
        if (blockSize < 1) {
            throw new IllegalArgumentException("a KV block must hold at least one token, not " + blockSize);
        }
        long bytesPerBlock;
        try {
            bytesPerBlock = Math.multiplyExact(bytesPerToken, blockSize);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "a block of %d tokens at %d bytes per token overflows a long".formatted(blockSize, bytesPerToken));
        }
        long blocks = budgetBytes / bytesPerBlock;
        if (budgetBytes < 1 || blocks < 1) {
            throw new IllegalArgumentException("a KV cache budget of %d bytes holds no block:".formatted(budgetBytes)
                    + " one block of %d tokens at %d bytes per token needs %d bytes"
                            .formatted(blockSize, bytesPerToken, bytesPerBlock));
        }
        return new KvCachePool((int) Math.min(blocks, Integer.MAX_VALUE / blockSize), blockSize);
    }

    /** Token positions per block. */
    public int blockSize() {
        return blockSize;
    }

    /** Blocks in the pool, free or held. */
    public int blockCount() {
        return blockCount;
    }

    /** Rows of each device-side cache: {@code blockCount() * blockSize()}. */
    public int slotCount() {
        return blockCount * blockSize;
    }

    /** Blocks no sequence holds. */
    public synchronized int freeBlocks() {
        return freeCount;
    }

    /** Blocks held by live sequences. */
    public synchronized int usedBlocks() {
        return blockCount - freeCount;
    }

    /** Blocks needed to hold {@code tokens} positions. */
    public int blocksFor(int tokens) {
        if (tokens < 0) {
            throw new IllegalArgumentException("a negative token count: " + tokens);
        }
        return (int) (((long) tokens + blockSize - 1) / blockSize);
    }

    /**
     * A new, empty sequence that may grow to {@code maxLength} positions: the model's context length,
     * or less where the caller caps it. It holds no block until tokens are appended.
     */
    public KvSequence newSequence(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("a sequence's maximum length must be positive, not " + maxLength);
        }
        return new KvSequence(this, maxLength);
    }

    /**
     * Takes {@code count} free blocks into {@code into[offset..offset+count)}, all or none.
     *
     * @throws KvCacheFullException if fewer than {@code count} are free; nothing is taken then
     */
    synchronized void allocate(int count, int[] into, int offset) {
        if (count > freeCount) {
            throw new KvCacheFullException(count, freeCount, blockCount, blockSize);
        }
        for (int i = 0; i < count; i++) {
            int block = freeStack[--freeCount];
            held[block] = true;
            into[offset + i] = block;
        }
    }

    /**
     * Returns {@code blocks[from..to)} to the free list, last first, so that they are handed out
     * again in the order they were held.
     */
    synchronized void release(int[] blocks, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            int block = blocks[i];
            if (block < 0 || block >= blockCount || !held[block]) {
                throw new IllegalStateException("KV block %d released but not held".formatted(block));
            }
            held[block] = false;
            freeStack[freeCount++] = block;
        }
    }
}
