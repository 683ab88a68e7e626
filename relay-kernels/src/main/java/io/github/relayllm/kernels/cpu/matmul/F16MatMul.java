package io.github.relayllm.kernels.cpu.matmul;

import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.FLOATS;
import static io.github.relayllm.kernels.cpu.matmul.KernelSpecies.LANES;

import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;

/**
 * {@link DType#F16} weights, widened by a plain loop over {@link Float#float16ToFloat}, which C2
 * compiles to the CPU's packed conversion ({@code vcvtph2ps}, 16 values an instruction with AVX-512).
 * The panel widens whole rows that way; a single row widens {@value #CHUNK}-weight chunks of its four
 * rows into an L1-resident array and multiplies them from there.
 *
 * <p>Why not widen in registers as BF16 does: the Vector API has no binary16 lanes, and the integer
 * route ({@code (half << 13) * 2^112}) feeds subnormal halves to the multiplication as subnormal
 * floats, which x86 handles by a microcode assist of some 150 cycles. Real and random weights alike
 * have about one subnormal half in a thousand (0.13% in a {@code relay synth} model), so one vector
 * in fifty paid it: 9.5 against 15.5 GB/s from L2 on one core, and the hardware conversion is cheaper
 * than the seven integer operations besides.
 */
final class F16MatMul extends HalfFloatMatMul {
    /** Halves of each row widened at a time: four rows of them fill 4 KiB of L1. */
    static final int CHUNK = 256;

    private static final ValueLayout.OfShort HALF = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    F16MatMul() {
        super(DType.F16);
    }

    @Override
    void decode(MemorySegment matrix, long offset, int count, int k, float[] dst, int dstStart, byte[] staging) {
        widen(matrix, offset, count * k, dst, dstStart);
    }

    @Override
    void dot(
            MemorySegment weights,
            long[] offsets,
            int rowBytes,
            float[] x,
            int xStart,
            int k,
            float[] sums,
            MatMulScratch scratch) {
        float[] widened = scratch.widened;
        FloatVector a0 = FloatVector.zero(FLOATS);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        for (int chunk = 0; chunk < k; chunk += CHUNK) {
            int width = Math.min(CHUNK, k - chunk);
            long at = (long) chunk * Short.BYTES;
            widen(weights, offsets[0] + at, width, widened, 0);
            widen(weights, offsets[1] + at, width, widened, CHUNK);
            widen(weights, offsets[2] + at, width, widened, 2 * CHUNK);
            widen(weights, offsets[3] + at, width, widened, 3 * CHUNK);
            for (int i = 0; i < width; i += LANES) {
                FloatVector xv = FloatVector.fromArray(FLOATS, x, xStart + chunk + i);
                a0 = FloatVector.fromArray(FLOATS, widened, i).fma(xv, a0);
                a1 = FloatVector.fromArray(FLOATS, widened, CHUNK + i).fma(xv, a1);
                a2 = FloatVector.fromArray(FLOATS, widened, 2 * CHUNK + i).fma(xv, a2);
                a3 = FloatVector.fromArray(FLOATS, widened, 3 * CHUNK + i).fma(xv, a3);
            }
        }
        a0.intoArray(sums, 0);
        a1.intoArray(sums, LANES);
        a2.intoArray(sums, 2 * LANES);
        a3.intoArray(sums, 3 * LANES);
    }

    /** {@code count} halves from byte {@code offset} of {@code matrix} into {@code dst} from {@code index}. */
    private static void widen(MemorySegment matrix, long offset, int count, float[] dst, int index) {
        for (int i = 0; i < count; i++) {
            dst[index + i] = Float.float16ToFloat(matrix.get(HALF, offset + (long) i * Short.BYTES));
        }
    }
}
