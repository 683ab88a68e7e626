package io.github.relayllm.core.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KvCachePoolTest {
    /** Qwen3-0.6B: 28 layers, 8 kv heads x 128, F16 cache. */
    private static final long QWEN3_06B_F16_BYTES_PER_TOKEN = 28L * 2 * 8 * 128 * 2;

    @Test
    void sizesThePoolFromAByteBudget() {
        KvCachePool pool = KvCachePool.ofBudget(1L << 30, QWEN3_06B_F16_BYTES_PER_TOKEN, 16);

        // 1 GiB / (114,688 bytes per token x 16) = 585.14 blocks
        assertThat(pool.blockCount()).isEqualTo(585);
        assertThat(pool.blockSize()).isEqualTo(16);
        assertThat(pool.slotCount()).isEqualTo(585 * 16);
        assertThat(pool.freeBlocks()).isEqualTo(585);
        assertThat(pool.usedBlocks()).isZero();
    }

    @Test
    void rejectsABudgetThatHoldsNoBlock() {
        assertThatThrownBy(() -> KvCachePool.ofBudget(1_000_000, QWEN3_06B_F16_BYTES_PER_TOKEN, 16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a KV cache budget of 1000000 bytes holds no block: one block of 16 tokens"
                        + " at 114688 bytes per token needs 1835008 bytes");
    }

    @Test
    void rejectsNonPositiveSizes() {
        assertThatThrownBy(() -> KvCachePool.ofBudget(1 << 20, 0, 16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bytes per token must be positive");
        assertThatThrownBy(() -> KvCachePool.ofBudget(1 << 20, 64, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one token");
        assertThatThrownBy(() -> KvCachePool.ofBudget(-1, 64, 16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds no block");
        assertThatThrownBy(() -> new KvCachePool(0, 16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one block");
        assertThatThrownBy(() -> KvCachePool.ofBudget(Long.MAX_VALUE, Long.MAX_VALUE / 2, 16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overflows");
    }

    @Test
    void rejectsMoreSlotsThanAnIntAddresses() {
        assertThatThrownBy(() -> new KvCachePool(Integer.MAX_VALUE / 16 + 1, 16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("addressable slots");
    }

    @Test
    void clampsAHugeBudgetToTheAddressableSlots() {
        KvCachePool pool = KvCachePool.ofBudget(Long.MAX_VALUE, 1, 1 << 20);

        assertThat((long) pool.slotCount()).isLessThanOrEqualTo(Integer.MAX_VALUE);
        assertThat(pool.blockCount()).isEqualTo(Integer.MAX_VALUE / (1 << 20));
    }

    @Test
    void countsBlocksForTokens() {
        KvCachePool pool = new KvCachePool(8, 16);

        assertThat(pool.blocksFor(0)).isZero();
        assertThat(pool.blocksFor(1)).isEqualTo(1);
        assertThat(pool.blocksFor(16)).isEqualTo(1);
        assertThat(pool.blocksFor(17)).isEqualTo(2);
        assertThat(pool.blocksFor(Integer.MAX_VALUE)).isEqualTo(134_217_728);
    }

    @Test
    void handsOutBlocksInOrderAndReusesFreedOnesFirst() {
        KvCachePool pool = new KvCachePool(4, 2);
        try (KvSequence a = pool.newSequence(8);
                KvSequence b = pool.newSequence(8)) {
            a.append(new int[] {1, 2, 3}, 0, 3);
            assertThat(a.blockTable()).containsExactly(0, 1);
            a.close();

            b.append(new int[] {4, 5, 6, 7, 8}, 0, 5);
            assertThat(b.blockTable()).containsExactly(0, 1, 2);
            assertThat(pool.usedBlocks()).isEqualTo(3);
        }
        assertThat(pool.freeBlocks()).isEqualTo(4);
    }

    @Test
    void rejectsASequenceWithoutRoom() {
        KvCachePool pool = new KvCachePool(4, 2);

        assertThatThrownBy(() -> pool.newSequence(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maximum length must be positive");
    }
}
