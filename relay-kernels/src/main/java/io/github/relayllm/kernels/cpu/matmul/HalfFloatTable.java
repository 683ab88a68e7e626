package io.github.relayllm.kernels.cpu.matmul;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The binary16 block scales of the quantized types, widened by table lookup: all 65,536 values in a
 * 256 KiB array built once. Kernels widen one scale per 16 or 32 weights; a table load broadcast
 * straight into a vector register keeps that off the vector ports, which the weights need (measured
 * on a Q8_0 matvec from cache: 19 GB/s against 12 GB/s with {@link Float#float16ToFloat}). The values
 * are those of {@link Float#float16ToFloat}, bit for bit.
 */
final class HalfFloatTable {
    private static final VarHandle HALF = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort HALF_IN_SEGMENT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final float[] VALUES = build();

    private HalfFloatTable() {}

    /** The little-endian binary16 number at {@code offset} of {@code bytes}, widened. */
    static float read(byte[] bytes, int offset) {
        return VALUES[(short) HALF.get(bytes, offset) & 0xffff];
    }

    /** The little-endian binary16 number at byte {@code offset} of {@code segment}, widened. */
    static float read(MemorySegment segment, long offset) {
        return VALUES[segment.get(HALF_IN_SEGMENT, offset) & 0xffff];
    }

    private static float[] build() {
        float[] values = new float[1 << 16];
        for (int bits = 0; bits < values.length; bits++) {
            values[bits] = Float.float16ToFloat((short) bits);
        }
        return values;
    }
}
