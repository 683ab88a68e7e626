package io.github.relayllm.kernels.tensor;

import java.lang.foreign.MemorySegment;
import java.util.Comparator;

/** Encodes and decodes whole arrays on the heap, for tests that look at the bytes of blocks. */
final class Blocks {
    /** Orders floats by value, so that -0 equals 0 (a negative quant times a zero scale is -0). */
    static final Comparator<Float> BY_VALUE = (a, b) -> a.floatValue() == b.floatValue() ? 0 : Float.compare(a, b);

    private Blocks() {}

    static byte[] encode(DType dtype, float... values) {
        byte[] bytes = new byte[Math.toIntExact(dtype.byteSize(values.length))];
        BlockCodecs.encoder(dtype).orElseThrow().encode(values, 0, values.length, MemorySegment.ofArray(bytes), 0);
        return bytes;
    }

    static float[] decode(DType dtype, byte[] bytes) {
        int count = Math.toIntExact(bytes.length / dtype.blockBytes() * dtype.blockSize());
        float[] values = new float[count];
        BlockCodecs.decoder(dtype).decode(MemorySegment.ofArray(bytes), 0, values, 0, count);
        return values;
    }

    /** {@code decode(encode(values))}. */
    static float[] roundTrip(DType dtype, float... values) {
        return decode(dtype, encode(dtype, values));
    }

    /** The binary16 scale stored at {@code offset} of the first block, widened. */
    static float halfAt(byte[] bytes, int offset) {
        return HalfFloats.halfToFloat((short) ((bytes[offset] & 0xff) | (bytes[offset + 1] << 8)));
    }
}
