package io.github.relayllm.kernels.cpu.matmul;

import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.EnumMap;
import java.util.Map;

/**
 * The matmul kernel for each weight dtype: Vector API kernels for F32, F16, BF16, Q8_0, Q4_0, Q4_K
 * and Q6_K, the portable {@link DecodingMatMul} for the other floating-point and quantized types.
 *
 * <p>One instance per kind of kernel, made when this class initializes and shared: kernels are
 * stateless, and a caller that compiles an {@link #entryPoint} per kernel then compiles one per
 * dtype, not one per matrix.
 */
public final class MatMulKernels {
    private static final MethodType MULTIPLY = MethodType.methodType(
            void.class,
            MemorySegment.class,
            int.class,
            int.class,
            MemorySegment.class,
            MemorySegment.class,
            int.class,
            int.class,
            int.class,
            MatMulScratch.class);
    private static final Map<DType, MatMulKernel> BY_DTYPE = byDType();
    private static final Map<DType, MethodHandle> ENTRY_POINTS = entryPoints();

    private MatMulKernels() {}

    /**
     * The kernel for weights of {@code dtype}.
     *
     * @throws IllegalArgumentException for integer dtypes, which are no weights
     */
    public static MatMulKernel forDType(DType dtype) {
        return ofWeightType(BY_DTYPE, dtype);
    }

    /**
     * {@code forDType(dtype).multiply}, as a method handle bound to the kernel, of type {@code
     * (MemorySegment weights, int n, int k, MemorySegment in, MemorySegment out, int rows, int
     * firstColumn, int endColumn, MatMulScratch scratch)void}: how code that runs several dtypes in
     * one process should call a kernel, so that C2 compiles each dtype's kernel in a compilation of
     * its own ({@link DTypeEntry} explains the mechanism). Without it a dtype whose matvec ran after
     * another's stayed 4 to 12 times slower for the rest of the process: F16 3072x1024 after Q8_0
     * 2,654 against 337 us alone, Q4_K after Q6_K 6,952 against 513; through it 486 and 607 ({@code
     * MatMulAfterOtherDTypeBenchmark} in relay-bench). One handle per dtype, made when this class
     * initializes; calling it costs a few nanoseconds and allocates nothing.
     *
     * @throws IllegalArgumentException for integer dtypes, which are no weights
     */
    public static MethodHandle entryPoint(DType dtype) {
        return ofWeightType(ENTRY_POINTS, dtype);
    }

    /** What {@code byDType} holds for {@code dtype}, which has one exactly when it is a weight type. */
    private static <T> T ofWeightType(Map<DType, T> byDType, DType dtype) {
        T value = byDType.get(dtype);
        if (value == null) {
            throw new IllegalArgumentException(dtype + " is not a weight type");
        }
        return value;
    }

    private static Map<DType, MethodHandle> entryPoints() {
        Map<DType, MethodHandle> handles = new EnumMap<>(DType.class);
        BY_DTYPE.forEach((dtype, kernel) -> handles.put(
                dtype,
                DTypeEntry.of(MethodHandles.lookup(), MatMulKernel.class, "multiply", MULTIPLY, kernel)
                        .handle()));
        return handles;
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
