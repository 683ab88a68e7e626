package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.LANES;

import io.github.relayllm.kernels.tensor.DType;

/**
 * A kernel for 16-bit float weights (F16, BF16): single rows whose {@code k} is a whole number of
 * vectors stream through {@link #dot}, four rows in one pass (four memory streams; two passes measured
 * 20% slower); other single rows take the panel, whose tiles handle the partial vector.
 *
 * <p>The subclasses keep their own {@link #dot} loops, alike in shape: a loop shared with the widening
 * as a parameter ran the dtype whose kernel C2 compiled second ten times slower (see the package
 * documentation), and F16 widens through an L1 array where BF16 widens in registers.
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
