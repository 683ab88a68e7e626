package io.github.relayllm.kernels.tensor;

import java.lang.foreign.MemorySegment;

/** Encodes and decodes whole arrays on the heap, for tests that look at the bytes of blocks. */
final class Blocks {
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
