package io.github.relayllm.bench.jmh;

import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.tensor.BlockCodecs;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import io.github.relayllm.kernels.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

/**
 * Buffers of one backend filled for kernel benchmarks: Gaussian activations and caches (encoded by
 * the reference codecs, so any dtype with an encoder works), int inputs, and weight matrices from
 * {@link RandomWeights}. Filling costs a pass over every element on the host, plus a copy to a device
 * backend; it belongs in a trial's setup. Not thread-safe.
 */
final class RandomBuffers {
    private final Backend backend;
    private final Arena arena;
    private final SplittableRandom random = new SplittableRandom(1);

    /**
     * Buffers of {@code backend}; weights live in {@code arena}, which must stay open as long as the
     * backend (the CPU backend reads them in place).
     */
    RandomBuffers(Backend backend, Arena arena) {
        this.backend = backend;
        this.arena = arena;
    }

    /** A buffer of {@code dims} holding standard Gaussian values stored as {@code dtype}. */
    Buffer gaussian(DType dtype, long... dims) {
        Buffer buffer = backend.allocate(dtype, Shape.of(dims));
        float[] values = new float[Math.toIntExact(buffer.shape().elementCount())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        byte[] bytes = new byte[Math.toIntExact(buffer.byteSize())];
        BlockCodecs.encoder(dtype).orElseThrow().encode(values, 0, values.length, MemorySegment.ofArray(bytes), 0);
        backend.write(buffer, 0, MemorySegment.ofArray(bytes));
        return buffer;
    }

    /** An I32 buffer holding {@code values}. */
    Buffer ints(int... values) {
        Buffer buffer = backend.allocate(DType.I32, Shape.of(values.length));
        backend.write(buffer, values);
        return buffer;
    }

    /** An {@code [n, k]} weight matrix of {@code dtype}, as the backend takes a model's weights. */
    Buffer weights(DType dtype, int n, int k) {
        MemorySegment data = RandomWeights.matrix(dtype, n, k, arena);
        return backend.weights(new Tensor(dtype, Shape.of(n, k), data));
    }
}
