package io.github.relayllm.kernels.opcheck;

import io.github.relayllm.kernels.backend.RopeLayout;
import io.github.relayllm.kernels.backend.RowCount;
import io.github.relayllm.kernels.tensor.DType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The grid of op scenarios every backend is checked on: every op, every weight dtype, and shapes that
 * are odd, smaller than a vector, or one past a multiple of the block or the vector width. Inputs are
 * random with fixed seeds, so every call returns scenarios with the same values; shapes stay small so
 * that the whole grid ({@link #all()}, about 200 scenarios) runs in seconds on the reference backend.
 * {@link #small()} is the subset cheap enough for an OpenCL simulator.
 *
 * <p>Each call builds its scenarios afresh (random weights of every dtype, a few megabytes in all for
 * {@link #all()}); they hold no backend resources.
 */
public final class Scenarios {
    /** The weight dtypes of GGUF models: every one is tested for matmul and embedding. */
    public static final List<DType> WEIGHT_TYPES = List.of(
            DType.F32,
            DType.F16,
            DType.BF16,
            DType.Q8_0,
            DType.Q4_0,
            DType.Q4_1,
            DType.Q5_0,
            DType.Q5_1,
            DType.Q2_K,
            DType.Q3_K,
            DType.Q4_K,
            DType.Q5_K,
            DType.Q6_K);

    /** Row widths for the elementwise ops: below, at and around the vector widths (4, 8, 16 floats). */
    private static final int[] WIDTHS = {1, 7, 16, 31, 33, 100, 1000};

    private Scenarios() {}

    /**
     * Matmuls for every weight dtype: k from one element to past a vector multiple (F32), one and
     * three blocks (quantized); 1, 7, 33 and more outputs; 1, 4 and 17 rows; with and without bias;
     * token and output rows.
     */
    public static List<OpScenario> matMul() {
        Random random = new Random(1);
        List<OpScenario> scenarios = new ArrayList<>();
        int[] outputs = {1, 7, 33};
        int[] rowCounts = {1, 4, 17};
        int variant = 0;
        for (DType dtype : WEIGHT_TYPES) {
            for (int k : matMulDepths(dtype)) {
                for (int n : outputs) {
                    int rows = rowCounts[variant % rowCounts.length];
                    boolean bias = variant % 2 == 1;
                    RowCount rowCount = variant % 5 == 4 ? RowCount.OUTPUTS : RowCount.TOKENS;
                    scenarios.add(matMul(dtype, n, k, rows, bias, rowCount, random));
                    variant++;
                }
            }
        }
        scenarios.add(matMul(DType.F32, 257, 33, 5, true, RowCount.TOKENS, random));
        scenarios.add(matMul(DType.Q8_0, 300, 64, 3, false, RowCount.TOKENS, random));
        return scenarios;
    }

    /**
     * Embedding lookups in an 11-row table of every weight dtype, of widths below, at and past the
     * vector widths or one and three blocks. Exact.
     */
    public static List<OpScenario> embed() {
        Random random = new Random(2);
        List<OpScenario> scenarios = new ArrayList<>();
        for (DType dtype : WEIGHT_TYPES) {
            for (int width : embedWidths(dtype)) {
                int vocabulary = 11;
                int[] tokens = {3, 0, 10, 3, 7};
                scenarios.add(new EmbedScenario(RandomTensors.matrix(dtype, vocabulary, width, random), tokens));
            }
        }
        return scenarios;
    }

    /**
     * RMS norms over whole rows of the elementwise widths and over head-sized groups, with F32, F16
     * and BF16 weights, in place or not.
     */
    public static List<OpScenario> rmsNorm() {
        Random random = new Random(3);
        List<OpScenario> scenarios = new ArrayList<>();
        DType[] weightTypes = {DType.F32, DType.F16, DType.BF16};
        int variant = 0;
        for (int width : WIDTHS) {
            scenarios.add(
                    rmsNorm(width, width, weightTypes[variant % 3], variant % 2 == 1, 1 + 4 * (variant % 2), random));
            variant++;
        }
        int[][] grouped = {{96, 24}, {256, 64}, {40, 8}, {384, 128}};
        for (int[] shape : grouped) {
            scenarios.add(rmsNorm(shape[0], shape[1], weightTypes[variant % 3], variant % 2 == 1, 5, random));
            variant++;
        }
        return scenarios;
    }

    /**
     * RoPE in both layouts, head sizes 2 to 128, at positions up to about 41000.
     */
    public static List<OpScenario> rope() {
        Random random = new Random(4);
        List<OpScenario> scenarios = new ArrayList<>();
        int[] headDims = {2, 6, 16, 34, 64, 128};
        for (RopeLayout layout : RopeLayout.values()) {
            for (int headDim : headDims) {
                int heads = headDim % 3 == 0 ? 1 : 3;
                int rows = 6;
                float[][] x = RandomTensors.rows(random, rows, heads * headDim, 2f);
                int[] positions = {0, 1, 17, 4095, 32767, 40000 + random.nextInt(1000)};
                double base = headDim == 128 ? 1e6 : 1e4;
                float[] frequencies = new float[headDim / 2];
                for (int i = 0; i < frequencies.length; i++) {
                    frequencies[i] = (float) Math.pow(base, -2.0 * i / headDim);
                }
                scenarios.add(new RopeScenario(x, positions, frequencies, headDim, layout));
            }
        }
        return scenarios;
    }

    /**
     * Add and SwiGLU at the elementwise widths, one or five rows, some in place.
     */
    public static List<OpScenario> pointwise() {
        Random random = new Random(5);
        List<OpScenario> scenarios = new ArrayList<>();
        int variant = 0;
        for (PointwiseScenario.Kind kind : PointwiseScenario.Kind.values()) {
            for (int width : WIDTHS) {
                int rows = variant % 2 == 0 ? 1 : 5;
                float[][] a = RandomTensors.rows(random, rows, width, 8f);
                float[][] b = RandomTensors.rows(random, rows, width, 3f);
                scenarios.add(new PointwiseScenario(kind, a, b, variant % 3 == 2));
                variant++;
            }
        }
        return scenarios;
    }

    /**
     * Softmax at the elementwise widths and one wide row of large values.
     */
    public static List<OpScenario> softmax() {
        Random random = new Random(6);
        List<OpScenario> scenarios = new ArrayList<>();
        for (int width : WIDTHS) {
            scenarios.add(new SoftmaxScenario(RandomTensors.rows(random, 3, width, 10f)));
        }
        scenarios.add(new SoftmaxScenario(RandomTensors.rows(random, 2, 5000, 30f)));
        return scenarios;
    }

    /**
     * Argmax of random rows, of rows with ties, and of rows with NaNs and infinities. Exact.
     */
    public static List<OpScenario> argmax() {
        Random random = new Random(7);
        List<OpScenario> scenarios = new ArrayList<>();
        for (int width : new int[] {1, 7, 33, 100, 1000}) {
            scenarios.add(new ArgmaxScenario(RandomTensors.rows(random, 4, width, 5f), "random"));
            float[][] ties = RandomTensors.rows(random, 4, width, 5f);
            for (float[] row : ties) {
                for (int i = width / 3; i < width; i += Math.max(1, width / 4)) {
                    row[i] = 7f;
                }
            }
            scenarios.add(new ArgmaxScenario(ties, "ties"));
        }
        float[][] special = RandomTensors.rows(random, 4, 40, 5f);
        special[0][3] = Float.NaN;
        Arrays.fill(special[1], Float.NaN);
        special[1][30] = -1f;
        Arrays.fill(special[2], Float.NEGATIVE_INFINITY);
        special[3][17] = Float.POSITIVE_INFINITY;
        scenarios.add(new ArgmaxScenario(special, "non-finite"));
        scenarios.add(new ArgmaxScenario(acrossPieces(random), "wide, across pieces"));
        return scenarios;
    }

    /**
     * Rows of 5,003 floats, wide enough that a backend splits them between threads, with the answer
     * where a split matters: a maximum only near the end; a tie whose first copy sits early and second
     * late; {@code 0.0} late with {@code -0.0} early (they tie, the first wins); a NaN and, in the next
     * row, +infinity, only in the last quarter; a row of -infinity.
     */
    private static float[][] acrossPieces(Random random) {
        int width = 5003;
        float[][] rows = RandomTensors.rows(random, 6, width, 5f);
        rows[0][width - 2] = 9f;
        rows[1][40] = 9f;
        rows[1][width - 40] = 9f;
        for (int i = 0; i < width; i++) {
            rows[2][i] = -Math.abs(rows[2][i]) - 1f;
        }
        rows[2][100] = -0f;
        rows[2][width - 100] = 0f;
        rows[3][width - 7] = Float.NaN;
        rows[4][width * 3 / 4 + 1] = Float.POSITIVE_INFINITY;
        Arrays.fill(rows[5], Float.NEGATIVE_INFINITY);
        return rows;
    }

    /**
     * Row copies from the token rows of a step, with repeats. Exact.
     */
    public static List<OpScenario> gather() {
        Random random = new Random(8);
        return List.of(
                new GatherScenario(RandomTensors.rows(random, 9, 7, 1f), new int[] {8, 0, 8, 3}),
                new GatherScenario(RandomTensors.rows(random, 5, 33, 1f), new int[] {4}),
                new GatherScenario(RandomTensors.rows(random, 3, 100, 1f), new int[] {0, 1, 2}));
    }

    /**
     * Keys and values stored at scattered slots of an F32 and an F16 cache. Exact.
     */
    public static List<OpScenario> storeKv() {
        Random random = new Random(9);
        List<OpScenario> scenarios = new ArrayList<>();
        for (DType cacheType : List.of(DType.F32, DType.F16)) {
            for (int width : new int[] {8, 33, 64}) {
                int rows = 5;
                List<Integer> free = new ArrayList<>();
                for (int slot = 0; slot < 32; slot++) {
                    free.add(slot);
                }
                Collections.shuffle(free, random);
                int[] slots = free.subList(0, rows).stream()
                        .mapToInt(Integer::intValue)
                        .toArray();
                scenarios.add(new StoreKvScenario(
                        RandomTensors.rows(random, rows, width, 3f),
                        RandomTensors.rows(random, rows, width, 3f),
                        slots,
                        cacheType,
                        32));
            }
        }
        return scenarios;
    }

    /**
     * Paged attention with GQA ratios 1, 2 and 4, head sizes 8 to 64, block sizes 1, 4 and 16,
     * scattered block tables, several sequences in one step, contexts up to 300 positions, F32 and
     * F16 caches; and two prefill chunks, runs of consecutive rows of one sequence (more than a CPU row
     * group, across a boundary of the online softmax's chunks) followed by other sequences' rows.
     */
    public static List<OpScenario> attention() {
        Random random = new Random(10);
        List<OpScenario> scenarios = new ArrayList<>();
        int[][] headCounts = {{4, 4}, {4, 2}, {8, 2}};
        int[] headDims = {16, 20, 64};
        int[] blockSizes = {1, 4, 16};
        int variant = 0;
        for (int[] heads : headCounts) {
            for (int headDim : headDims) {
                int blockSize = blockSizes[variant % blockSizes.length];
                DType cacheType = variant % 2 == 0 ? DType.F32 : DType.F16;
                int[] lengths = variant % 3 == 0 ? new int[] {1, 9, 40} : new int[] {300, 5};
                scenarios.add(attention(heads[0], heads[1], headDim, blockSize, cacheType, lengths, random));
                variant++;
            }
        }
        scenarios.add(attention(2, 1, 8, 16, DType.F16, new int[] {129, 128, 257}, random));
        scenarios.add(attention(4, 2, 16, 4, DType.F16, new int[] {140, 3}, 21, random));
        scenarios.add(attention(8, 2, 20, 16, DType.F32, new int[] {9, 131, 2}, 9, random));
        return scenarios;
    }

    /** Every scenario of every op, in the order of the methods above. */
    public static List<OpScenario> all() {
        List<OpScenario> all = new ArrayList<>();
        all.addAll(matMul());
        all.addAll(embed());
        all.addAll(rmsNorm());
        all.addAll(rope());
        all.addAll(pointwise());
        all.addAll(softmax());
        all.addAll(argmax());
        all.addAll(gather());
        all.addAll(storeKv());
        all.addAll(attention());
        return all;
    }

    /**
     * The scenarios of {@link #all()} cheap enough for an OpenCL simulator such as oclgrind, which is
     * about a thousand times slower than a CPU driver: 84 of the 203, of at most {@link
     * SmallGrid#WORK_LIMIT} operations each, still covering every op, dtype and code path (see {@link
     * SmallGrid}). The same inputs as in the full grid, so a failure here reproduces there.
     */
    public static List<OpScenario> small() {
        return SmallGrid.of(all());
    }

    /**
     * The scenarios of {@code grid} whose {@link OpScenario#op()} is one of {@code ops}, compared
     * without regard to case ({@code matmul} selects {@code MatMul}); all of them when {@code ops} is
     * empty.
     *
     * @throws IllegalArgumentException if an op has no scenario in the grid; the message lists those
     *     that have
     */
    public static List<OpScenario> ofOps(List<OpScenario> grid, Collection<String> ops) {
        if (ops.isEmpty()) {
            return grid;
        }
        Set<String> known = new LinkedHashSet<>();
        grid.forEach(scenario -> known.add(scenario.op()));
        Set<String> wanted = new HashSet<>();
        for (String op : ops) {
            String name = known.stream()
                    .filter(k -> k.equalsIgnoreCase(op))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "no op named '%s'; ops: %s".formatted(op, String.join(", ", known))));
            wanted.add(name);
        }
        return grid.stream().filter(s -> wanted.contains(s.op())).toList();
    }

    private static int[] matMulDepths(DType dtype) {
        return switch (dtype) {
            case F32 -> new int[] {1, 31, 33, 255, 257};
            case F16, BF16 -> new int[] {31, 64, 257};
            default -> new int[] {dtype.blockSize(), 3 * dtype.blockSize()};
        };
    }

    private static int[] embedWidths(DType dtype) {
        return switch (dtype) {
            case F32, F16, BF16 -> new int[] {1, 7, 33, 100};
            default -> new int[] {dtype.blockSize(), 3 * dtype.blockSize()};
        };
    }

    private static MatMulScenario matMul(
            DType dtype, int n, int k, int rows, boolean bias, RowCount rowCount, Random random) {
        return new MatMulScenario(
                RandomTensors.matrix(dtype, n, k, random),
                RandomTensors.rows(random, rows, k, 1f),
                bias ? Optional.of(RandomTensors.uniform(random, n, 1f)) : Optional.empty(),
                rowCount);
    }

    private static RmsNormScenario rmsNorm(
            int width, int group, DType weightType, boolean inPlace, int rows, Random random) {
        float[] weight = RandomTensors.uniform(random, group, 2f);
        float eps = width % 2 == 0 ? 1e-6f : 1e-5f;
        return new RmsNormScenario(
                RandomTensors.rows(random, rows, width, 4f), weight, weightType, group, eps, inPlace);
    }

    /**
     * Sequences of the given lengths with their blocks scattered over a cache with a few spare blocks;
     * rows: the last position of every sequence (decode), and the five before it in the first (a
     * prefill chunk), shuffled.
     */
    private static AttentionScenario attention(
            int heads, int kvHeads, int headDim, int blockSize, DType cacheType, int[] lengths, Random random) {
        return attention(heads, kvHeads, headDim, blockSize, cacheType, lengths, 0, random);
    }

    /**
     * With {@code chunkRows} 0: the last row of each sequence and a few earlier ones of the first, in
     * shuffled order (decode steps of several sequences). Otherwise the last {@code chunkRows}
     * positions of each sequence as consecutive rows in order (a prefill chunk per sequence; shorter
     * sequences give all their positions).
     */
    private static AttentionScenario attention(
            int heads,
            int kvHeads,
            int headDim,
            int blockSize,
            DType cacheType,
            int[] lengths,
            int chunkRows,
            Random random) {
        int[] blocksOf =
                Arrays.stream(lengths).map(l -> Math.ceilDiv(l, blockSize)).toArray();
        int totalBlocks = Arrays.stream(blocksOf).sum() + 3;
        List<Integer> blockIds = new ArrayList<>();
        for (int b = 0; b < totalBlocks; b++) {
            blockIds.add(b);
        }
        Collections.shuffle(blockIds, random);
        int tableWidth = Arrays.stream(blocksOf).max().orElseThrow() + 1;
        int[][] tables = new int[lengths.length][tableWidth];
        int next = 0;
        for (int s = 0; s < lengths.length; s++) {
            Arrays.fill(tables[s], -1);
            for (int b = 0; b < blocksOf[s]; b++) {
                tables[s][b] = blockIds.get(next++);
            }
        }
        List<int[]> rows = new ArrayList<>();
        if (chunkRows > 0) {
            for (int s = 0; s < lengths.length; s++) {
                for (int p = Math.max(0, lengths[s] - chunkRows); p < lengths[s]; p++) {
                    rows.add(new int[] {s, p});
                }
            }
        } else {
            for (int s = 0; s < lengths.length; s++) {
                rows.add(new int[] {s, lengths[s] - 1});
            }
            for (int p = Math.max(0, lengths[0] - 6); p < lengths[0] - 1; p++) {
                rows.add(new int[] {0, p});
            }
            Collections.shuffle(rows, random);
        }
        int slots = totalBlocks * blockSize;
        int kvWidth = kvHeads * headDim;
        return new AttentionScenario(
                heads,
                kvHeads,
                headDim,
                blockSize,
                cacheType,
                RandomTensors.rows(random, rows.size(), heads * headDim, 3f),
                rows.stream().mapToInt(r -> r[0]).toArray(),
                rows.stream().mapToInt(r -> r[1]).toArray(),
                RandomTensors.rows(random, slots, kvWidth, 1f),
                RandomTensors.rows(random, slots, kvWidth, 1f),
                tables);
    }
}
