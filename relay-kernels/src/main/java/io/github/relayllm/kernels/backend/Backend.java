package io.github.relayllm.kernels.backend;

import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import io.github.relayllm.kernels.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * A compute device: it owns buffers and runs execution plans of {@link Op}s over them.
 *
 * <pre>{@code
 * try (Backend backend = Backends.create("cpu", BackendOptions.defaults())) {
 *     Buffer w = backend.weights(tensor);                       // CPU: a view of the mapped file
 *     Buffer x = backend.allocate(DType.F32, Shape.of(64, 1024));
 *     Buffer y = backend.allocate(DType.F32, Shape.of(64, 3072));
 *     ExecutionPlan plan = backend.compile(
 *             List.of(new Op.MatMul(w, x, y, Optional.empty(), RowCount.TOKENS)), new Step(64, 1));
 *     backend.write(x, 0, input);
 *     plan.run(new Step(64, 1));
 *     backend.read(y, 0, output);
 * }
 * }</pre>
 *
 * <p>Closing a backend frees every buffer it made. Backends are not thread-safe: one thread drives a
 * backend (its kernels may use many threads internally).
 */
public interface Backend extends AutoCloseable {

    /** The backend's name, as {@link Backends#create} takes it: {@code cpu}, {@code reference}, ... */
    String name();

    /** The device, for logs: its name, memory, threads or compute units. */
    String description();

    /** A new zeroed buffer. */
    Buffer allocate(DType dtype, Shape shape);

    /**
     * The weights of {@code tensor} as a buffer of this backend. The CPU backends use the tensor's
     * memory as it is (no copy: weights stay mapped from the file, which must stay open); device
     * backends copy it once.
     */
    Buffer weights(Tensor tensor);

    /** Copies {@code source} (host memory, the buffer's element type) into {@code target} from element {@code offset}. */
    void write(Buffer target, long offset, MemorySegment source);

    /** Copies elements of {@code source} from element {@code offset} into {@code target} (host memory). */
    void read(Buffer source, long offset, MemorySegment target);

    /** Writes {@code values} into an I32 buffer from entry 0. */
    default void write(Buffer target, int[] values) {
        write(target, 0, MemorySegment.ofArray(values));
    }

    /**
     * A plan that runs {@code ops} in order, for steps up to {@code largestStep}.
     *
     * @throws IllegalArgumentException if a buffer is not this backend's, or holds fewer rows than
     *     the largest step makes an op process
     */
    ExecutionPlan compile(List<Op> ops, Step largestStep);

    /** Frees every buffer and plan of this backend. */
    @Override
    void close();
}
