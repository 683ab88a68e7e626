package io.github.relayllm.kernels.opencl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.ExecutionPlan;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.opcheck.BackendDriver;
import io.github.relayllm.kernels.opcheck.Nmse;
import io.github.relayllm.kernels.opcheck.RandomTensors;
import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the contract grid does not reach in the OpenCL attention: contexts of hundreds to thousands of
 * positions, so that decode steps go through several splits and their combination, and the two paths
 * of one plan on the same rows: each row alone (the split decode path), a few rows of a decode step
 * at once, and all of them in a step of {@value #ROWS} rows (the one-pass prefill path). Every result
 * is held to the reference within the attention NMSE, row by row, and the paths to each other.
 */
class OpenClAttentionTest extends OpenClVersusReference {
    private static final int HEADS = 16;
    private static final int KV_HEADS = 8;
    private static final int BLOCK_SIZE = 16;
    private static final int[] LENGTHS = {600, 1500, 2100};

    /**
     * The rows of the big step: the last position of every sequence and positions on both sides of
     * split boundaries (multiples of {@link AttentionLaunch#SPLIT_LENGTH}), in the three sequences.
     */
    private static final int[][] ROW_SEQUENCE_POSITION = {
        {0, 0}, {0, 255}, {0, 256}, {0, 257}, {0, 599}, {1, 1}, {1, 511}, {1, 512}, {1, 1023}, {1, 1024}, {1, 1280},
        {1, 1499}, {2, 767}, {2, 768}, {2, 1535}, {2, 1536}, {2, 2000}, {2, 2047}, {2, 2048}, {2, 2099}
    };

    private static final int ROWS = ROW_SEQUENCE_POSITION.length;

    static Stream<Arguments> caches() {
        return Stream.of(
                Arguments.of(128, DType.F16),
                Arguments.of(128, DType.F32),
                Arguments.of(64, DType.F16),
                Arguments.of(64, DType.F32));
    }

    @ParameterizedTest(name = "head dim {0}, {1} cache")
    @MethodSource("caches")
    void longContextsMatchTheReferenceThroughEitherPath(int headDim, DType cacheType) {
        Context context = Context.random(headDim, cacheType, new Random(headDim * 31L + cacheType.ordinal()));
        float[][] expected = context.referenceRows(reference());

        Attention attention = context.upload(new BackendDriver(backend()));
        float[][] prefill = attention.run(allRows());
        float[][] alone = new float[ROWS][];
        for (int r = 0; r < ROWS; r++) {
            alone[r] = attention.run(new int[] {r})[0];
        }
        int[] decodeBatch = {4, 11, 19, 0, 6}; // the three last positions and two short rows
        float[][] batched = attention.run(decodeBatch);

        for (int r = 0; r < ROWS; r++) {
            String row = "row %d (sequence %d, position %d)"
                    .formatted(r, ROW_SEQUENCE_POSITION[r][0], ROW_SEQUENCE_POSITION[r][1]);
            assertThat(Nmse.of(prefill[r], expected[r]))
                    .as("NMSE of %s in a step of %d rows against the reference", row, ROWS)
                    .isLessThan(Nmse.REDUCTION);
            assertThat(Nmse.of(alone[r], expected[r]))
                    .as("NMSE of %s alone against the reference", row)
                    .isLessThan(Nmse.REDUCTION);
            assertThat(Nmse.of(alone[r], prefill[r]))
                    .as("NMSE of %s alone against %s in a step of %d rows", row, row, ROWS)
                    .isLessThan(Nmse.REDUCTION);
        }
        for (int i = 0; i < decodeBatch.length; i++) {
            assertThat(Nmse.of(batched[i], expected[decodeBatch[i]]))
                    .as("NMSE of row %d in a decode step of %d rows", decodeBatch[i], decodeBatch.length)
                    .isLessThan(Nmse.REDUCTION);
        }
    }

    private static int[] allRows() {
        int[] all = new int[ROWS];
        Arrays.setAll(all, r -> r);
        return all;
    }

    /** Sequences of {@link #LENGTHS} with their blocks scattered over the cache; unused entries -1. */
    private record Context(
            int headDim, DType cacheType, float[][] queries, float[] keys, float[] values, int[] tables, int width) {

        static Context random(int headDim, DType cacheType, Random random) {
            int[] blocksOf =
                    Arrays.stream(LENGTHS).map(l -> Math.ceilDiv(l, BLOCK_SIZE)).toArray();
            int totalBlocks = Arrays.stream(blocksOf).sum() + 5;
            List<Integer> blockIds = new ArrayList<>();
            for (int b = 0; b < totalBlocks; b++) {
                blockIds.add(b);
            }
            Collections.shuffle(blockIds, random);
            int width = Arrays.stream(blocksOf).max().orElseThrow() + 2;
            int[] tables = new int[LENGTHS.length * width];
            Arrays.fill(tables, -1);
            int next = 0;
            for (int s = 0; s < LENGTHS.length; s++) {
                for (int b = 0; b < blocksOf[s]; b++) {
                    tables[s * width + b] = blockIds.get(next++);
                }
            }
            int slots = totalBlocks * BLOCK_SIZE;
            int kvWidth = KV_HEADS * headDim;
            return new Context(
                    headDim,
                    cacheType,
                    RandomTensors.rows(random, ROWS, HEADS * headDim, 3f),
                    RandomTensors.uniform(random, slots * kvWidth, 1f),
                    RandomTensors.uniform(random, slots * kvWidth, 1f),
                    tables,
                    width);
        }

        int slots() {
            return keys.length / (KV_HEADS * headDim);
        }

        float[][] referenceRows(Backend reference) {
            return upload(new BackendDriver(reference)).run(allRows());
        }

        Attention upload(BackendDriver driver) {
            int kvWidth = KV_HEADS * headDim;
            Buffer q = driver.zeros(DType.F32, ROWS, (long) HEADS * headDim);
            Buffer kCache = driver.upload(cacheType, keys, slots(), kvWidth);
            Buffer vCache = driver.upload(cacheType, values, slots(), kvWidth);
            Buffer blockTables = driver.ints(tables, LENGTHS.length, width);
            Buffer sequence = driver.zeros(DType.I32, ROWS);
            Buffer position = driver.zeros(DType.I32, ROWS);
            Buffer out = driver.zeros(DType.F32, ROWS, (long) HEADS * headDim);
            float scale = (float) (1 / Math.sqrt(headDim));
            Op op = new Op.Attention(
                    q, kCache, vCache, blockTables, sequence, position, out, headDim, BLOCK_SIZE, scale);
            ExecutionPlan plan = driver.backend().compile(List.of(op), new Step(ROWS, 0));
            return new Attention(driver, this, plan, q, sequence, position, out);
        }
    }

    /** One plan for the largest step, run on any selection of the context's rows. */
    private record Attention(
            BackendDriver driver,
            Context context,
            ExecutionPlan plan,
            Buffer q,
            Buffer sequence,
            Buffer position,
            Buffer out) {

        float[][] run(int[] rows) {
            int width = HEADS * context.headDim();
            float[] queries = new float[rows.length * width];
            int[] sequences = new int[rows.length];
            int[] positions = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(context.queries()[rows[i]], 0, queries, i * width, width);
                sequences[i] = ROW_SEQUENCE_POSITION[rows[i]][0];
                positions[i] = ROW_SEQUENCE_POSITION[rows[i]][1];
            }
            Backend backend = driver.backend();
            backend.write(q, 0, MemorySegment.ofArray(queries));
            backend.write(sequence, sequences);
            backend.write(position, positions);
            plan.run(new Step(rows.length, 0));
            return driver.readRows(out, rows.length);
        }
    }
}
