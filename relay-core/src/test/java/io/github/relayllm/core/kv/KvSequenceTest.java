package io.github.relayllm.core.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KvSequenceTest {
    private final KvCachePool pool = new KvCachePool(8, 4);

    @Test
    void appendingClaimsTheBlocksItsPositionsNeed() {
        try (KvSequence sequence = pool.newSequence(32)) {
            sequence.append(new int[] {9, 10, 11, 12, 13}, 0, 5);

            assertThat(sequence.length()).isEqualTo(5);
            assertThat(sequence.blockCount()).isEqualTo(2);
            assertThat(sequence.tokens()).containsExactly(9, 10, 11, 12, 13);
            assertThat(pool.usedBlocks()).isEqualTo(2);

            sequence.append(new int[] {0, 14, 15, 16, 0}, 1, 4);
            sequence.append(17);

            assertThat(sequence.tokens()).containsExactly(9, 10, 11, 12, 13, 14, 15, 16, 17);
            assertThat(sequence.tokenAt(8)).isEqualTo(17);
            assertThat(sequence.blockCount()).isEqualTo(3);
        }
    }

    @Test
    void mapsPositionsToSlotsThroughTheBlockTable() {
        try (KvSequence other = pool.newSequence(32);
                KvSequence sequence = pool.newSequence(32)) {
            other.append(new int[] {1, 2, 3, 4}, 0, 4); // takes block 0
            sequence.append(new int[] {1, 2, 3}, 0, 3); // block 1
            other.append(5); // block 2
            sequence.append(new int[] {4, 5, 6}, 0, 3); // fills block 1, then block 3

            assertThat(sequence.blockTable()).containsExactly(1, 3);
            assertThat(sequence.slotOf(0)).isEqualTo(4);
            assertThat(sequence.slotOf(3)).isEqualTo(7);
            assertThat(sequence.slotOf(4)).isEqualTo(12);
            assertThat(sequence.slotOf(5)).isEqualTo(13);

            int[] slots = {-1, -1, -1, -1, -1};
            sequence.slots(2, 6, slots, 1);
            assertThat(slots).containsExactly(-1, 6, 7, 12, 13);
        }
    }

    @Test
    void writesItsBlockTablePaddedWithBlockZero() {
        try (KvSequence other = pool.newSequence(32);
                KvSequence sequence = pool.newSequence(32)) {
            other.append(1);
            sequence.append(new int[] {1, 2, 3, 4, 5}, 0, 5);
            int[] rows = {-1, -1, -1, -1, -1, -1, -1, -1, -1};

            sequence.writeBlockTable(rows, 4, 4);

            assertThat(rows).containsExactly(-1, -1, -1, -1, 1, 2, 0, 0, -1);
            assertThat(sequence.maxBlocks()).isEqualTo(8);
            assertThatThrownBy(() -> sequence.writeBlockTable(rows, 0, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("can not hold a sequence of 2 blocks");
            assertThatThrownBy(() -> sequence.writeBlockTable(rows, 6, 4))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not fit at offset 6");
        }
    }

    @Test
    void reuseKeepsTheLongestCommonPrefixAndFreesTheRest() {
        try (KvSequence sequence = pool.newSequence(32)) {
            sequence.append(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0, 10);
            assertThat(sequence.blockCount()).isEqualTo(3);

            int kept = sequence.reuse(new int[] {1, 2, 3, 4, 99, 6});

            assertThat(kept).isEqualTo(4);
            assertThat(sequence.tokens()).containsExactly(1, 2, 3, 4);
            assertThat(sequence.blockCount()).isEqualTo(1);
            assertThat(pool.usedBlocks()).isEqualTo(1);
        }
    }

    @Test
    void reuseLeavesTheLastTokenToBeRecomputed() {
        try (KvSequence sequence = pool.newSequence(32)) {
            sequence.append(new int[] {1, 2, 3, 4, 5}, 0, 5);

            assertThat(sequence.reuse(new int[] {1, 2, 3, 4, 5})).isEqualTo(4);
            assertThat(sequence.tokens()).containsExactly(1, 2, 3, 4);
            sequence.append(5);
            assertThat(sequence.reuse(new int[] {1, 2, 3, 4, 5, 6, 7})).isEqualTo(5);
            assertThat(sequence.reuse(new int[] {1})).isZero();
            assertThat(sequence.reuse(new int[0])).isZero();
            assertThat(sequence.blockCount()).isZero();
        }
    }

    @Test
    void reportsTheCommonPrefixWithoutChangingAnything() {
        try (KvSequence sequence = pool.newSequence(32)) {
            sequence.append(new int[] {1, 2, 3}, 0, 3);

            assertThat(sequence.commonPrefixLength(new int[] {1, 2, 3})).isEqualTo(3);
            assertThat(sequence.commonPrefixLength(new int[] {1, 2, 3, 4})).isEqualTo(3);
            assertThat(sequence.commonPrefixLength(new int[] {1, 5})).isEqualTo(1);
            assertThat(sequence.commonPrefixLength(new int[] {7})).isZero();
            assertThat(sequence.length()).isEqualTo(3);
        }
    }

    @Test
    void aFullPoolLeavesTheSequenceAndThePoolUnchanged() {
        try (KvSequence hog = pool.newSequence(64);
                KvSequence sequence = pool.newSequence(64)) {
            hog.append(new int[24], 0, 24); // 6 of 8 blocks
            sequence.append(new int[] {1, 2, 3, 4, 5}, 0, 5); // 2 blocks, pool now full
            int[] before = sequence.blockTable();

            assertThatThrownBy(() -> sequence.append(new int[] {6, 7, 8, 9}, 0, 4))
                    .isInstanceOfSatisfying(KvCacheFullException.class, e -> {
                        assertThat(e.blocksNeeded()).isEqualTo(1);
                        assertThat(e.freeBlocks()).isZero();
                        assertThat(e.poolBlocks()).isEqualTo(8);
                    })
                    .hasMessage("the KV cache is full: 1 more blocks of 4 tokens needed, 0 free of 8 in the pool");

            assertThat(sequence.tokens()).containsExactly(1, 2, 3, 4, 5);
            assertThat(sequence.blockTable()).isEqualTo(before);
            assertThat(pool.freeBlocks()).isZero();

            hog.truncate(20); // frees one block
            sequence.append(new int[] {6, 7, 8, 9}, 0, 4);
            assertThat(sequence.length()).isEqualTo(9);
        }
    }

    @Test
    void aRequestForSeveralBlocksTakesNoneWhenNotAllAreFree() {
        try (KvSequence hog = pool.newSequence(64);
                KvSequence sequence = pool.newSequence(64)) {
            hog.append(new int[20], 0, 20); // 5 of 8 blocks

            assertThatThrownBy(() -> sequence.append(new int[16], 0, 16))
                    .isInstanceOfSatisfying(
                            KvCacheFullException.class,
                            e -> assertThat(e.blocksNeeded()).isEqualTo(4));

            assertThat(sequence.length()).isZero();
            assertThat(sequence.blockCount()).isZero();
            assertThat(pool.freeBlocks()).isEqualTo(3);
        }
    }

    @Test
    void refusesToGrowPastItsMaximumLength() {
        try (KvSequence sequence = pool.newSequence(6)) {
            sequence.append(new int[] {1, 2, 3, 4, 5}, 0, 5);

            assertThatThrownBy(() -> sequence.append(new int[] {6, 7}, 0, 2))
                    .isInstanceOfSatisfying(ContextLengthExceededException.class, e -> {
                        assertThat(e.requestedLength()).isEqualTo(7);
                        assertThat(e.maxLength()).isEqualTo(6);
                    })
                    .hasMessage("a sequence of 7 tokens exceeds the context limit of 6");
            assertThat(sequence.length()).isEqualTo(5);
            assertThat(pool.usedBlocks()).isEqualTo(2);

            sequence.append(6);
            assertThatThrownBy(() -> sequence.append(7)).isInstanceOf(ContextLengthExceededException.class);
            assertThatThrownBy(() -> sequence.append(new int[] {1}, 0, 1))
                    .isInstanceOf(ContextLengthExceededException.class);
        }
    }

    @Test
    void closingReturnsItsBlocksOnce() {
        KvSequence sequence = pool.newSequence(32);
        sequence.append(new int[] {1, 2, 3, 4, 5}, 0, 5);

        sequence.close();
        sequence.close();

        assertThat(pool.freeBlocks()).isEqualTo(8);
        assertThat(sequence.isClosed()).isTrue();
        assertThat(sequence.length()).isZero();
        assertThatThrownBy(() -> sequence.append(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the KV sequence is closed");
        assertThatThrownBy(() -> sequence.reuse(new int[] {1})).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsBadArguments() {
        try (KvSequence sequence = pool.newSequence(32)) {
            sequence.append(new int[] {1, 2, 3}, 0, 3);

            assertThatThrownBy(() -> sequence.append(new int[] {1, -4}, 0, 2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("token 1 is a negative id: -4");
            assertThatThrownBy(() -> sequence.append(new int[] {1, 2}, 1, 3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("tokens [1, 3) of an array of 2");
            assertThatThrownBy(() -> sequence.slotOf(3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("position 3 of a sequence of 3 tokens");
            assertThatThrownBy(() -> sequence.tokenAt(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> sequence.slots(0, 4, new int[8], 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("positions [0, 4) of a sequence of 3 tokens");
            assertThatThrownBy(() -> sequence.slots(0, 3, new int[4], 2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("3 slots do not fit at offset 2 of an array of 4");
            assertThatThrownBy(() -> sequence.truncate(4))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("can not truncate a sequence of 3 tokens to 4");
            assertThat(sequence.tokens()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void growsPastItsInitialTokenCapacity() {
        KvCachePool large = new KvCachePool(128, 16);
        try (KvSequence sequence = large.newSequence(2048)) {
            for (int i = 0; i < 1000; i++) {
                sequence.append(i);
            }

            assertThat(sequence.length()).isEqualTo(1000);
            assertThat(sequence.tokenAt(999)).isEqualTo(999);
            assertThat(sequence.blockCount()).isEqualTo(63);
        }
    }
}
