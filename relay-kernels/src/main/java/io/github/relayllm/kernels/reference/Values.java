package io.github.relayllm.kernels.reference;

import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.host.HostBuffer;
import io.github.relayllm.kernels.tensor.BlockCodecs;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reads and writes the values of host buffers as Java arrays, one row or one int at a time, through
 * the reference codecs, so the ops never see a byte offset. Every access is bounds-checked by the
 * segment.
 */
final class Values {
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    private Values() {}

    /** Row {@code row} of {@code buffer}, decoded to floats whatever its dtype. */
    static float[] row(Buffer buffer, long row) {
        int width = buffer.width();
        float[] values = new float[width];
        BlockCodecs.decoder(buffer.dtype())
                .decode(segment(buffer), row * buffer.dtype().byteSize(width), values, 0, width);
        return values;
    }

    /** Writes {@code values} as row {@code row} of {@code buffer}, encoded to its dtype (F32 or F16). */
    static void setRow(Buffer buffer, long row, float[] values) {
        BlockCodecs.encoder(buffer.dtype())
                .orElseThrow()
                .encode(
                        values,
                        0,
                        values.length,
                        segment(buffer),
                        row * buffer.dtype().byteSize(values.length));
    }

    /** All elements of {@code buffer}, decoded to floats (for small buffers: weights of a norm). */
    static float[] all(Buffer buffer) {
        int count = Math.toIntExact(buffer.shape().elementCount());
        float[] values = new float[count];
        BlockCodecs.decoder(buffer.dtype()).decode(segment(buffer), 0, values, 0, count);
        return values;
    }

    /** Entry {@code index} of an I32 buffer. */
    static int intAt(Buffer buffer, long index) {
        return segment(buffer).getAtIndex(INT, index);
    }

    static void setInt(Buffer buffer, long index, int value) {
        segment(buffer).setAtIndex(INT, index, value);
    }

    private static MemorySegment segment(Buffer buffer) {
        return ((HostBuffer) buffer).segment();
    }
}
