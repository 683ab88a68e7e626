package io.github.relayllm.core.format;

import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import io.github.relayllm.kernels.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The contents of a tensor that a file writer is to write: either a tensor already in memory, or
 * one produced on demand while the file is written. Producing on demand is what lets a writer emit
 * an 8-billion-parameter model holding one tensor in memory at a time.
 */
public sealed interface TensorSource {

    DType dtype();

    Shape shape();

    /** Bytes the tensor occupies. */
    default long byteSize() {
        return dtype().byteSize(shape().elementCount());
    }

    /** The tensor's bytes, allocated in {@code arena} if they must be produced. */
    MemorySegment materialize(Arena arena);

    /** A tensor already in memory; writing it copies nothing first. */
    static TensorSource of(Tensor tensor) {
        return new Resident(tensor);
    }

    /**
     * A tensor whose bytes {@code fill} writes into a segment of exactly {@link #byteSize()} bytes
     * (64-byte aligned, zeroed) when the writer reaches it. The segment belongs to a shared arena,
     * so {@code fill} may write it from several threads; it is freed once written.
     */
    static TensorSource generated(DType dtype, Shape shape, Consumer<MemorySegment> fill) {
        return new Generated(dtype, shape, fill);
    }

    /** A tensor in memory. */
    record Resident(Tensor tensor) implements TensorSource {
        public Resident {
            Objects.requireNonNull(tensor, "tensor");
        }

        @Override
        public DType dtype() {
            return tensor.dtype();
        }

        @Override
        public Shape shape() {
            return tensor.shape();
        }

        @Override
        public MemorySegment materialize(Arena arena) {
            return tensor.data();
        }
    }

    /** A tensor produced when it is written. */
    record Generated(DType dtype, Shape shape, Consumer<MemorySegment> fill) implements TensorSource {
        public Generated {
            Objects.requireNonNull(dtype, "dtype");
            Objects.requireNonNull(shape, "shape");
            Objects.requireNonNull(fill, "fill");
            if (shape.rowLength() % dtype.blockSize() != 0) {
                throw new IllegalArgumentException("rows of %s are not a whole number of %s blocks of %d"
                        .formatted(shape, dtype, dtype.blockSize()));
            }
        }

        @Override
        public MemorySegment materialize(Arena arena) {
            MemorySegment data = arena.allocate(byteSize(), 64);
            fill.accept(data);
            return data;
        }
    }
}
