package io.github.relayllm.bench.cli;

import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.BackendOptions;
import io.github.relayllm.kernels.backend.BackendProvider;
import io.github.relayllm.kernels.backend.Backends;
import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.ExecutionPlan;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import io.github.relayllm.kernels.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * A backend named {@code faulty}, for the tests of {@code relay ops-check}: the CPU backend, except
 * that it computes SwiGLU where it is asked to add, and has no softmax at all.
 */
public final class FaultyBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return "faulty";
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public Backend create(BackendOptions options) {
        return new Faulty(Backends.create("cpu", options));
    }

    private record Faulty(Backend cpu) implements Backend {
        @Override
        public String name() {
            return "faulty";
        }

        @Override
        public String description() {
            return "wrong adds, no softmax";
        }

        @Override
        public Buffer allocate(DType dtype, Shape shape) {
            return cpu.allocate(dtype, shape);
        }

        @Override
        public Buffer weights(Tensor tensor) {
            return cpu.weights(tensor);
        }

        @Override
        public void write(Buffer target, long offset, MemorySegment source) {
            cpu.write(target, offset, source);
        }

        @Override
        public void read(Buffer source, long offset, MemorySegment target) {
            cpu.read(source, offset, target);
        }

        @Override
        public ExecutionPlan compile(List<Op> ops, Step largestStep) {
            List<Op> faulty = ops.stream()
                    .map(op -> switch (op) {
                        case Op.Add add -> new Op.SwiGlu(add.a(), add.b(), add.out(), add.rows());
                        case Op.Softmax _ -> throw new UnsupportedOperationException("no softmax kernel");
                        default -> op;
                    })
                    .toList();
            return cpu.compile(faulty, largestStep);
        }

        @Override
        public void close() {
            cpu.close();
        }
    }
}
