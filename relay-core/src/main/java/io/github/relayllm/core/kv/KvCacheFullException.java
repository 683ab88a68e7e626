package io.github.relayllm.core.kv;

import java.io.Serial;

/**
 * A sequence needed more KV blocks than its pool has free. The operation that threw changed
 * nothing: the sequence holds what it held before and the pool's free count is unchanged, so the
 * caller can free other sequences (or preempt them) and retry.
 */
public final class KvCacheFullException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int blocksNeeded;
    private final int freeBlocks;
    private final int poolBlocks;

    KvCacheFullException(int blocksNeeded, int freeBlocks, int poolBlocks, int blockSize) {
        super("the KV cache is full: %d more blocks of %d tokens needed, %d free of %d in the pool"
                .formatted(blocksNeeded, blockSize, freeBlocks, poolBlocks));
        this.blocksNeeded = blocksNeeded;
        this.freeBlocks = freeBlocks;
        this.poolBlocks = poolBlocks;
    }

    /** Blocks the operation needed on top of what the sequence held. */
    public int blocksNeeded() {
        return blocksNeeded;
    }

    /** Blocks free in the pool when the operation failed. */
    public int freeBlocks() {
        return freeBlocks;
    }

    /** Blocks in the pool, free or held. */
    public int poolBlocks() {
        return poolBlocks;
    }
}
