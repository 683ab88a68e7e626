package io.github.relayllm.core.format.hf;

import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import io.github.relayllm.kernels.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/** Small tensors with recognisable contents for format tests. */
final class TestTensors {
    private TestTensors() {}

    static Tensor f32(Shape shape, float... values) {
        return new Tensor(DType.F32, shape, MemorySegment.ofArray(values));
    }

    /** A tensor of {@code dtype} and {@code shape} whose bytes count up from {@code seed}. */
    static Tensor counting(DType dtype, Shape shape, int seed) {
        byte[] bytes = new byte[(int) dtype.byteSize(shape.elementCount())];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (seed + i);
        }
        return new Tensor(dtype, shape, MemorySegment.ofArray(bytes));
    }

    /** Whether two tensors have the same dtype, shape and bytes. */
    static boolean sameContents(Tensor a, Tensor b) {
        return a.dtype() == b.dtype() && a.shape().equals(b.shape()) && a.data().mismatch(b.data()) == -1;
    }
}
