package io.github.relayllm.kernels.cpu.matmul;

import io.github.relayllm.kernels.tensor.DType;

/**
 * The matmul kernel for each weight dtype: Vector API kernels for F32, F16, BF16, Q8_0, Q4_0, Q4_K
 * and Q6_K, the portable {@link DecodingMatMul} for the other floating-point and quantized types.
 */
public final class MatMulKernels {
    private MatMulKernels() {}

    /**
     * The kernel for weights of {@code dtype}.
     *
     * @throws IllegalArgumentException for integer dtypes, which are no weights
     */
    public static MatMulKernel forDType(DType dtype) {
        return switch (dtype) {
            case F32 -> new F32MatMul();
            case F16 -> new F16MatMul();
            case BF16 -> new BF16MatMul();
            case Q8_0 -> new Q8_0MatMul();
            case Q4_0 -> new Q4_0MatMul();
            case Q4_K -> new Q4_KMatMul();
            case Q6_K -> new Q6_KMatMul();
            case I8, I16, I32, I64 -> throw new IllegalArgumentException(dtype + " is not a weight type");
            case F64, Q4_1, Q5_0, Q5_1, Q2_K, Q3_K, Q5_K, Q8_K -> new DecodingMatMul(dtype);
        };
    }
}
