package io.github.relayllm.kernels.backend;

import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The argument checks every {@link Backend} owes its callers, written once for all of them: that a
 * copy stays inside its buffer and starts on a block boundary, and that a plan only uses the
 * backend's own buffers, each large enough for the plan's largest step.
 */
public final class BackendChecks {
    private BackendChecks() {}

    /**
     * The byte offset of element {@code offset} of {@code buffer}, checked for a copy of {@code bytes}.
     *
     * @param what {@code "read"} or {@code "write"}, for the message
     * @throws IllegalArgumentException if the offset is negative, inside a block, or the copy would
     *     leave the buffer
     */
    public static long byteOffset(Buffer buffer, long offset, long bytes, String what) {
        DType dtype = buffer.dtype();
        if (offset < 0
                || offset % dtype.blockSize() != 0
                || offset > buffer.shape().elementCount()) {
            throw new IllegalArgumentException(
                    "cannot %s %s from element %d: not a block boundary inside its %d elements"
                            .formatted(what, buffer, offset, buffer.shape().elementCount()));
        }
        long start = dtype.byteSize(offset);
        if (bytes > buffer.byteSize() - start) {
            throw new IllegalArgumentException("cannot %s %d bytes of %s from element %d: it holds %d bytes from there"
                    .formatted(what, bytes, buffer, offset, buffer.byteSize() - start));
        }
        return start;
    }

    /**
     * Checks what {@link Backend#compile} promises: every buffer of every op is one the backend owns,
     * and holds the rows {@code largestStep} makes the op process.
     *
     * @throws IllegalArgumentException naming the op and the buffer otherwise
     */
    public static void requirePlan(List<Op> ops, Step largestStep, Predicate<Buffer> owned, String backendName) {
        Objects.requireNonNull(ops, "ops");
        Objects.requireNonNull(largestStep, "largestStep");
        for (int i = 0; i < ops.size(); i++) {
            Op op = Objects.requireNonNull(ops.get(i), "op");
            for (Buffer buffer : op.buffers()) {
                if (!owned.test(buffer)) {
                    throw new IllegalArgumentException("op %d (%s) uses %s, which is not a buffer of this %s backend"
                            .formatted(i, op.getClass().getSimpleName(), buffer, backendName));
                }
            }
            op.requireFits(largestStep);
        }
    }

    /**
     * Checks that rows of {@code shape}'s innermost dimension are whole blocks of {@code dtype}.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static void requireWholeBlocks(DType dtype, Shape shape) {
        if (shape.rowLength() % dtype.blockSize() != 0) {
            throw new IllegalArgumentException("rows of %d elements are not a whole number of %s blocks of %d"
                    .formatted(shape.rowLength(), dtype, dtype.blockSize()));
        }
    }
}
