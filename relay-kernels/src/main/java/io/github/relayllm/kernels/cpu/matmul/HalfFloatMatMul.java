package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.LANES;

import io.github.relayllm.kernels.tensor.DType;

/**
 * A kernel for 16-bit float weights (F16, BF16): single rows whose {@code k} is a whole number of
 * vectors stream through {@link #dot}, four rows in one pass (four memory streams; two passes measured
 * 20% slower); other single rows take the panel, whose tiles handle the partial vector.
 *
 * <p>The subclasses' {@link #dot} loops differ only in the widening they call: each keeps its own
 * copy so that the widening is a static call C2 inlines, not a per-vector branch or virtual call in
 * the hottest loop (see the package documentation).
 */
abstract sealed class HalfFloatMatMul extends RowStreamingMatMul permits F16MatMul, BF16MatMul {
    HalfFloatMatMul(DType dtype) {
        super(dtype);
    }

    @Override
    final boolean streamsSingleRows(int k) {
        return k % LANES == 0;
    }

    @Override
    final int fusedColumns() {
        return 4;
    }

    @Override
    final int passes() {
        return 1;
    }
}
