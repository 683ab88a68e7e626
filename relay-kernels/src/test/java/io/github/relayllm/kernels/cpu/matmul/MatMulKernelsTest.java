package io.github.relayllm.kernels.cpu.matmul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MatMulKernelsTest {
    private static final Set<DType> VECTORIZED =
            EnumSet.of(DType.F32, DType.F16, DType.BF16, DType.Q8_0, DType.Q4_0, DType.Q4_K, DType.Q6_K);

    @ParameterizedTest
    @EnumSource(
            value = DType.class,
            names = {"I8", "I16", "I32", "I64"},
            mode = EnumSource.Mode.EXCLUDE)
    void vectorizesTheCommonWeightTypesAndDecodesTheRest(DType dtype) {
        MatMulKernel kernel = MatMulKernels.forDType(dtype);

        assertThat(kernel).isInstanceOf(VECTORIZED.contains(dtype) ? VectorMatMul.class : DecodingMatMul.class);
        if (kernel instanceof VectorMatMul vector) {
            assertThat(vector.dtype()).isEqualTo(dtype);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = DType.class,
            names = {"I8", "I16", "I32", "I64"})
    void refusesIntegerTypes(DType dtype) {
        assertThatThrownBy(() -> MatMulKernels.forDType(dtype))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a weight type");
    }

    @ParameterizedTest
    @EnumSource(
            value = DType.class,
            names = {"F16", "Q8_0", "Q4_K", "Q5_0"})
    void theEntryPointIsTheKernelsMultiply(DType dtype) throws Throwable {
        int n = 20;
        int k = 256;
        int rows = 3;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment weights = RandomMatrices.weights(dtype, n, k, 7, arena);
            MemorySegment in = RandomMatrices.activations(rows, k, 8, arena);
            MemorySegment out = arena.allocate((long) rows * n * Float.BYTES);

            MatMulKernels.entryPoint(dtype).invokeExact(weights, n, k, in, out, rows, 0, n, new MatMulScratch());

            assertThat(out.toArray(ValueLayout.JAVA_FLOAT))
                    .containsExactly(Products.multiply(MatMulKernels.forDType(dtype), weights, n, k, in, rows));
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = DType.class,
            names = {"I8", "I16", "I32", "I64"})
    void hasNoEntryPointForIntegerTypes(DType dtype) {
        assertThatThrownBy(() -> MatMulKernels.entryPoint(dtype))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a weight type");
    }

    @Test
    void rejectsAColumnRangeBeyondN() {
        assertThatThrownBy(() -> multiply(DType.Q8_0, 4, 32, 1, 2, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("columns [2, 5) are not within [0, 4)");
    }

    @Test
    void rejectsKThatSplitsABlock() {
        assertThatThrownBy(() -> multiply(DType.Q4_K, 4, 128, 1, 0, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("k=128 is not a whole number of Q4_K blocks of 256");
    }

    @Test
    void rejectsWeightsSmallerThanTheMatrix() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment weights = arena.allocate(DType.Q8_0.byteSize(32) * 3);
            MemorySegment in = arena.allocate(32 * Float.BYTES);
            MemorySegment out = arena.allocate(4 * Float.BYTES);

            assertThatThrownBy(() -> MatMulKernels.forDType(DType.Q8_0)
                            .multiply(weights, 4, 32, in, out, 1, 0, 4, new MatMulScratch()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("weights holds 102 bytes, needs 136");
        }
    }

    @Test
    void rejectsAReadOnlyOutput() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment weights = arena.allocate(DType.F32.byteSize(8) * 2);
            MemorySegment in = arena.allocate(8 * Float.BYTES);
            MemorySegment out = arena.allocate(2 * Float.BYTES).asReadOnly();

            assertThatThrownBy(() -> MatMulKernels.forDType(DType.F32)
                            .multiply(weights, 2, 8, in, out, 1, 0, 2, new MatMulScratch()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("out is read-only");
        }
    }

    @Test
    void writesNothingForAnEmptyColumnRange() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment weights = RandomMatrices.weights(DType.Q8_0, 4, 64, 1, arena);
            MemorySegment in = RandomMatrices.activations(2, 64, 2, arena);

            float[] out = Products.multiply(MatMulKernels.forDType(DType.Q8_0), weights, 4, 64, in, 2, 3, 3);

            assertThat(out).containsOnly(Float.NaN);
        }
    }

    private static void multiply(DType dtype, int n, int k, int rows, int first, int end) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment weights = arena.allocate(dtype.byteSize(256) * n);
            MemorySegment in = arena.allocate((long) rows * 256 * Float.BYTES);
            MemorySegment out = arena.allocate((long) rows * n * Float.BYTES);
            MatMulKernels.forDType(dtype).multiply(weights, n, k, in, out, rows, first, end, new MatMulScratch());
        }
    }
}
