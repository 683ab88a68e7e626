package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.RowCount;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.cpu.matmul.MatMulKernels;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Op.MatMul}: the output columns cut into slices, each slice one item of the pool, computed for
 * every row by the dtype's {@link MatMulKernel} and then given its bias. Each thread so streams its own
 * part of the weights once per step, whatever the number of rows; and since a kernel's value for an
 * output element depends only on its weight row and input row, neither the slicing nor the number of
 * threads nor the number of rows changes a bit of it.
 *
 * <p>About four slices per thread balance the load when threads run at different speeds; slices are a
 * multiple of 16 columns so that kernels tiling columns keep whole tiles.
 */
final class SlicedMatMul implements CpuKernel, ParallelBody {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final int SLICES_PER_THREAD = 4;
    private static final int COLUMN_MULTIPLE = 16;

    private final MethodHandle multiply; // the kernel's multiply, through its entry point
    private final MemorySegment weight;
    private final MemorySegment in;
    private final MemorySegment out;
    private final MemorySegment bias;
    private final int n;
    private final int k;
    private final int sliceWidth;
    private final int slices;
    private final RowCount rowCount;
    private final WorkerPool pool;
    private final WorkerScratch scratch;
    private int rows;

    SlicedMatMul(Op.MatMul op, CpuResources resources) {
        this.weight = resources.segment(op.weight());
        this.multiply = MatMulKernels.entryPoint(op.weight().dtype());
        this.in = resources.segment(op.in());
        this.out = resources.segment(op.out());
        this.bias = op.bias().map(resources::segment).orElse(null);
        this.n = Math.toIntExact(op.weight().rows());
        this.k = op.weight().width();
        this.pool = resources.pool();
        this.scratch = resources.scratch();
        int perSlice = Math.ceilDiv(n, pool.threads() * SLICES_PER_THREAD);
        this.sliceWidth = Math.ceilDiv(perSlice, COLUMN_MULTIPLE) * COLUMN_MULTIPLE;
        this.slices = Math.ceilDiv(n, sliceWidth);
        this.rowCount = op.rows();
    }

    @Override
    public void run(Step step) {
        rows = rowCount.of(step);
        if (rows > 0) {
            pool.forEach(slices, this);
        }
    }

    @Override
    public void run(int slice, int worker) {
        int first = slice * sliceWidth;
        int end = Math.min(n, first + sliceWidth);
        try {
            multiply.invokeExact(weight, n, k, in, out, rows, first, end, scratch.matMul(worker));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("matmul kernel failed", t); // multiply declares no checked exception
        }
        if (bias != null) {
            addBias(first, end);
        }
    }

    private void addBias(int first, int end) {
        int count = end - first;
        int bound = FLOATS.loopBound(count);
        for (int r = 0; r < rows; r++) {
            long row = ((long) r * n + first) * Float.BYTES;
            int i = 0;
            for (; i < bound; i += FLOATS.length()) {
                long at = (long) i * Float.BYTES;
                FloatVector b = FloatVector.fromMemorySegment(FLOATS, bias, (long) first * Float.BYTES + at, ORDER);
                FloatVector.fromMemorySegment(FLOATS, out, row + at, ORDER)
                        .add(b)
                        .intoMemorySegment(out, row + at, ORDER);
            }
            for (; i < count; i++) {
                long at = (long) i * Float.BYTES;
                out.set(FLOAT, row + at, out.get(FLOAT, row + at) + bias.get(FLOAT, (long) (first + i) * Float.BYTES));
            }
        }
    }
}
