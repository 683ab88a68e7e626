package io.github.relayllm.kernels.opencl;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.RowCount;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.tensor.DType;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * MatMul: per step, {@code matvec} (one work-group of lanes per output element, each lane decoding
 * units of 32 weights once for up to {@value #DECODE_ROWS} activation rows) for decode-sized steps,
 * and {@code matmul_tiled} ({@value #TILE}x{@value #TILE} tiles of rows x outputs per 16x16
 * work-group, weights decoded into local memory once per tile) for prefill. Both kernels are bound
 * when the plan is compiled; a step sets the row count and enqueues one of them.
 */
final class MatMulLaunch implements ClLaunch {
    /** Steps of at most this many rows take the decode kernel ({@code MATVEC_ROWS} in weights.cl). */
    static final int DECODE_ROWS = 8;

    /** Rows and outputs of a tile of the prefill kernel ({@code TILE_ROWS}, {@code TILE_OUTS}). */
    static final int TILE = 64;

    /** Each side of the prefill kernel's work-group ({@code TILE_GROUP}). */
    static final int TILE_GROUP = 16;

    /** Lanes the decode kernel gives one output element: 32, or 64 for rows of more than 32 units. */
    static final int LANES = 32;

    /** The most lanes the decode kernel gives one output element. */
    static final int MAX_LANES = 64;

    /** Local memory of the prefill kernel: an activation and a weight tile of 64 x 33 floats. */
    static final long TILED_LOCAL_BYTES = 2L * TILE * (32 + 1) * Float.BYTES;

    /** The weight dtypes dequantize.cl decodes. */
    static final Set<DType> WEIGHT_TYPES = Collections.unmodifiableSet(EnumSet.of(
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
            DType.Q6_K));

    private static final int UNIT = 32;
    private static final int MATVEC_ROWS_ARGUMENT = 7;
    private static final int TILED_ROWS_ARGUMENT = 7;

    private final RowCount rows;
    private final int n;
    private final int lanes;
    private final ClKernel matvec;
    private final ClKernel tiled;

    MatMulLaunch(Op.MatMul op, Step largestStep, ClKernels kernels) {
        DType dtype = requireDecodable(op.weight().dtype(), "matmul weights");
        this.rows = op.rows();
        this.n = Math.toIntExact(op.weight().rows());
        int k = op.weight().width();
        long maxGroup = kernels.device().maxWorkGroupSize();
        // 32 lanes (a warp, or SIMD width on most GPUs) unless the row has more units than that.
        int lanes = Math.ceilDiv(k, UNIT) > LANES ? MAX_LANES : LANES;
        this.lanes = (int) Math.min(lanes, Integer.highestOneBit((int) Math.min(maxGroup, MAX_LANES)));
        ClBuffer weight = OpenClPlan.device(op.weight());
        ClBuffer in = OpenClPlan.device(op.in());
        ClBuffer out = OpenClPlan.device(op.out());
        // Without a bias the kernels never read the bias argument, but it must be a valid buffer.
        ClBuffer bias = OpenClPlan.device(op.bias().orElse(op.in()));
        int hasBias = op.bias().isPresent() ? 1 : 0;
        this.matvec = bind(kernels.weights(dtype, "matvec"), weight, in, out, bias, hasBias, n, k)
                .local(8, (long) DECODE_ROWS * lanes * Float.BYTES);
        // The tiled kernel only where a step can need it and the device can run its work-groups.
        boolean tiles = rows.of(largestStep) > DECODE_ROWS
                && maxGroup >= (long) TILE_GROUP * TILE_GROUP
                && kernels.device().localMemoryBytes() >= TILED_LOCAL_BYTES;
        this.tiled = tiles ? bind(kernels.weights(dtype, "matmul_tiled"), weight, in, out, bias, hasBias, n, k) : null;
    }

    @Override
    public void enqueue(Step step) {
        int count = rows.of(step);
        if (count == 0) {
            return;
        }
        if (count <= DECODE_ROWS || tiled == null) {
            matvec.arg(MATVEC_ROWS_ARGUMENT, count).enqueue((long) n * lanes, lanes);
        } else {
            tiled.arg(TILED_ROWS_ARGUMENT, count)
                    .enqueue(
                            (long) Math.ceilDiv(n, TILE) * TILE_GROUP,
                            (long) Math.ceilDiv(count, TILE) * TILE_GROUP,
                            TILE_GROUP,
                            TILE_GROUP);
        }
    }

    @Override
    public List<ClKernel> kernels() {
        return tiled == null ? List.of(matvec) : List.of(matvec, tiled);
    }

    /**
     * @return {@code dtype}
     * @throws IllegalArgumentException if the kernels have no decoder for it
     */
    static DType requireDecodable(DType dtype, String what) {
        if (!WEIGHT_TYPES.contains(dtype)) {
            throw new IllegalArgumentException("the opencl backend has no kernels for %s of %s (it decodes %s)"
                    .formatted(what, dtype, WEIGHT_TYPES));
        }
        return dtype;
    }

    private static ClKernel bind(
            ClKernel kernel, ClBuffer weight, ClBuffer in, ClBuffer out, ClBuffer bias, int hasBias, int n, int k) {
        return kernel.arg(0, weight)
                .arg(1, in)
                .arg(2, out)
                .arg(3, bias)
                .arg(4, hasBias)
                .arg(5, n)
                .arg(6, k);
    }
}
