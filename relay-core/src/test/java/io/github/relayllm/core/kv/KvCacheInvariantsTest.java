package io.github.relayllm.core.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Random interleavings of append, reuse, truncate and close on several sequences of one small pool,
 * checked after every step against a plain model (each sequence's tokens as a list): the pool's
 * accounting, block ownership and slot uniqueness, and that failed operations change nothing.
 */
class KvCacheInvariantsTest {
    private static final int SEQUENCES = 4;
    private static final int MAX_LENGTH = 16;
    private static final String APPENDED = "appended";
    private static final String CACHE_FULL = "cache full";
    private static final String CONTEXT_FULL = "context full";

    sealed interface Operation {}

    record Append(int sequence, List<Integer> tokens) implements Operation {}

    record Reuse(int sequence, List<Integer> context) implements Operation {}

    record Truncate(int sequence, int length) implements Operation {}

    record Close(int sequence) implements Operation {}

    @Property(tries = 300)
    void randomOperationsKeepThePoolConsistent(
            @ForAll("operations") List<Operation> operations,
            @ForAll @IntRange(min = 1, max = 24) int blockCount,
            @ForAll @IntRange(min = 1, max = 5) int blockSize) {
        KvCachePool pool = new KvCachePool(blockCount, blockSize);
        KvSequence[] sequences = new KvSequence[SEQUENCES];
        List<List<Integer>> model = new ArrayList<>();
        for (int s = 0; s < SEQUENCES; s++) {
            sequences[s] = pool.newSequence(MAX_LENGTH);
            model.add(new ArrayList<>());
        }

        for (Operation operation : operations) {
            switch (operation) {
                case Append(int s, List<Integer> tokens) -> append(pool, sequences, model, s, ints(tokens));
                case Reuse(int s, List<Integer> context) -> reuse(sequences, model, s, ints(context));
                case Truncate(int s, int length) -> {
                    if (!sequences[s].isClosed()) {
                        int target = Math.min(length, model.get(s).size());
                        sequences[s].truncate(target);
                        model.get(s).subList(target, model.get(s).size()).clear();
                    }
                }
                case Close(int s) -> {
                    sequences[s].close();
                    model.get(s).clear();
                }
            }
            checkInvariants(pool, sequences, model);
        }

        for (KvSequence sequence : sequences) {
            sequence.close();
        }
        assertThat(pool.freeBlocks()).isEqualTo(blockCount);
        // The property only means something if full pools and full contexts actually happen.
        Statistics.coverage(coverage -> {
            coverage.check(APPENDED).count(c -> c > 0);
            coverage.check(CACHE_FULL).count(c -> c > 0);
            coverage.check(CONTEXT_FULL).count(c -> c > 0);
        });
    }

    private static void append(
            KvCachePool pool, KvSequence[] sequences, List<List<Integer>> model, int s, int[] tokens) {
        if (sequences[s].isClosed()) {
            sequences[s] = pool.newSequence(MAX_LENGTH);
        }
        KvSequence sequence = sequences[s];
        int newLength = sequence.length() + tokens.length;
        int blocksNeeded = pool.blocksFor(newLength) - sequence.blockCount();
        if (newLength > MAX_LENGTH) {
            assertThat(failureLeavingStateUnchanged(pool, sequence, () -> sequence.append(tokens, 0, tokens.length)))
                    .isInstanceOf(ContextLengthExceededException.class);
            Statistics.collect(CONTEXT_FULL);
        } else if (blocksNeeded > pool.freeBlocks()) {
            assertThat(failureLeavingStateUnchanged(pool, sequence, () -> sequence.append(tokens, 0, tokens.length)))
                    .isInstanceOf(KvCacheFullException.class);
            Statistics.collect(CACHE_FULL);
        } else {
            sequence.append(tokens, 0, tokens.length);
            Statistics.collect(APPENDED);
            for (int token : tokens) {
                model.get(s).add(token);
            }
        }
    }

    private static void reuse(KvSequence[] sequences, List<List<Integer>> model, int s, int[] context) {
        KvSequence sequence = sequences[s];
        if (sequence.isClosed()) {
            return;
        }
        List<Integer> held = model.get(s);
        int common = 0;
        while (common < held.size() && common < context.length && held.get(common) == context[common]) {
            common++;
        }
        int expected = Math.min(common, Math.max(0, context.length - 1));

        assertThat(sequence.reuse(context)).isEqualTo(expected);
        held.subList(expected, held.size()).clear();
    }

    /** Runs an operation that must fail, checks it changed nothing, and returns what it threw. */
    private static RuntimeException failureLeavingStateUnchanged(
            KvCachePool pool, KvSequence sequence, Runnable operation) {
        int[] tokens = sequence.tokens();
        int[] blocks = sequence.blockTable();
        int free = pool.freeBlocks();
        RuntimeException thrown = null;
        try {
            operation.run();
        } catch (RuntimeException e) {
            thrown = e;
        }
        assertThat(thrown).as("the operation should have failed").isNotNull();
        assertThat(sequence.tokens()).isEqualTo(tokens);
        assertThat(sequence.blockTable()).isEqualTo(blocks);
        assertThat(pool.freeBlocks()).isEqualTo(free);
        return thrown;
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void checkInvariants(KvCachePool pool, KvSequence[] sequences, List<List<Integer>> model) {
        Set<Integer> heldBlocks = new HashSet<>();
        Set<Integer> slots = new HashSet<>();
        int used = 0;
        for (int s = 0; s < SEQUENCES; s++) {
            KvSequence sequence = sequences[s];
            assertThat(sequence.tokens()).isEqualTo(ints(model.get(s)));
            assertThat(sequence.blockCount()).isEqualTo(pool.blocksFor(sequence.length()));
            for (int block : sequence.blockTable()) {
                assertThat(block).isBetween(0, pool.blockCount() - 1);
                assertThat(heldBlocks.add(block))
                        .as("block %d held twice", block)
                        .isTrue();
            }
            int[] sequenceSlots = new int[sequence.length()];
            sequence.slots(0, sequence.length(), sequenceSlots, 0);
            for (int position = 0; position < sequence.length(); position++) {
                assertThat(sequence.slotOf(position)).isEqualTo(sequenceSlots[position]);
                assertThat(slots.add(sequenceSlots[position]))
                        .as("slot %d used twice", sequenceSlots[position])
                        .isTrue();
            }
            used += sequence.blockCount();
        }
        assertThat(pool.usedBlocks()).isEqualTo(used);
        assertThat(pool.freeBlocks()).isEqualTo(pool.blockCount() - used);
    }

    @Provide
    Arbitrary<List<Operation>> operations() {
        Arbitrary<Integer> sequence = Arbitraries.integers().between(0, SEQUENCES - 1);
        // Few distinct ids, so that reuse finds common prefixes of every length.
        Arbitrary<List<Integer>> tokens =
                Arbitraries.integers().between(0, 2).list().ofMaxSize(12);
        Arbitrary<Operation> append = Combinators.combine(sequence, tokens).as(Append::new);
        Arbitrary<Operation> reuse = Combinators.combine(sequence, tokens).as(Reuse::new);
        Arbitrary<Operation> truncate = Combinators.combine(
                        sequence, Arbitraries.integers().between(0, MAX_LENGTH))
                .as(Truncate::new);
        Arbitrary<Operation> close = sequence.map(Close::new);
        return Arbitraries.frequencyOf(
                        Tuple.of(5, append), Tuple.of(3, reuse), Tuple.of(1, truncate), Tuple.of(1, close))
                .list()
                .ofMinSize(5)
                .ofMaxSize(80);
    }
}
