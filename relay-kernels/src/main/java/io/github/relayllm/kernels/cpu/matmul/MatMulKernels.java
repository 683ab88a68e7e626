package io.github.relayllm.kernels.cpu.matmul;

import io.github.relayllm.kernels.tensor.DType;
import java.util.EnumMap;
import java.util.Map;

/**
 * The matmul kernel for each weight dtype: Vector API kernels for F32, F16, BF16, Q8_0, Q4_0, Q4_K
 * and Q6_K, the portable {@link DecodingMatMul} for the other floating-point and quantized types.
 *
 * <p>One instance per kind of kernel, made when this class initializes and shared: kernels are
 * stateless, and a caller that compiles an entry point per kernel ({@code SlicedMatMul}) then compiles
 * one per dtype, not one per matrix.
 */
public final class MatMulKernels {
    private static final Map<DType, MatMulKernel> BY_DTYPE = byDType();

    private MatMulKernels() {}

    /**
     * The kernel for weights of {@code dtype}.
     *
     * @throws IllegalArgumentException for integer dtypes, which are no weights
     */
    public static MatMulKernel forDType(DType dtype) {
        MatMulKernel kernel = BY_DTYPE.get(dtype);
        if (kernel == null) {
            throw new IllegalArgumentException(dtype + " is not a weight type");
        }
        return kernel;
    }

    private static Map<DType, MatMulKernel> byDType() {
        Map<DType, MatMulKernel> kernels = new EnumMap<>(DType.class);
        for (DType dtype : DType.values()) {
            MatMulKernel kernel = switch (dtype) {
                case F32 -> new F32MatMul();
                case F16 -> new F16MatMul();
                case BF16 -> new BF16MatMul();
                case Q8_0 -> new Q8_0MatMul();
                case Q4_0 -> new Q4_0MatMul();
                case Q4_K -> new Q4_KMatMul();
                case Q6_K -> new Q6_KMatMul();
                case I8, I16, I32, I64 -> null;
                case F64, Q4_1, Q5_0, Q5_1, Q2_K, Q3_K, Q5_K, Q8_K -> new DecodingMatMul(dtype);
            };
            if (kernel != null) {
                kernels.put(dtype, kernel);
            }
        }
        return kernels;
    }
}
