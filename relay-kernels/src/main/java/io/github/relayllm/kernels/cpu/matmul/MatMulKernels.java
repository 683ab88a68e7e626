package io.github.relayllm.kernels.cpu.matmul;

import io.github.relayllm.kernels.tensor.DType;

/** The matmul kernel for each weight dtype. */
public final class MatMulKernels {
    private MatMulKernels() {}

    /**
     * The kernel for weights of {@code dtype}.
     *
     * @throws IllegalArgumentException for integer dtypes, which are no weights
     */
    public static MatMulKernel forDType(DType dtype) {
        if (dtype.isInteger()) {
            throw new IllegalArgumentException(dtype + " is not a weight type");
        }
        return new DecodingMatMul(dtype);
    }
}
