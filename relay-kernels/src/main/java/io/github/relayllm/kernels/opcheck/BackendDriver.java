package io.github.relayllm.kernels.opcheck;

import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.tensor.BlockCodecs;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * A backend seen from a check: buffers made from Java arrays, results read back into arrays, and one
 * call to compile and run a list of ops. The same code then drives the reference and the backend under
 * test.
 *
 * <p>Every call goes through the backend's public SPI, so it costs what the backend's copies and
 * compiles cost; nothing is cached. Buffers stay allocated until the backend closes.
 */
public record BackendDriver(Backend backend) {

    /** A buffer of {@code dtype} holding {@code values} (encoded to the dtype), of shape {@code dims}. */
    public Buffer upload(DType dtype, float[] values, long... dims) {
        Buffer buffer = backend.allocate(dtype, Shape.of(dims));
        byte[] bytes = new byte[Math.toIntExact(dtype.byteSize(values.length))];
        BlockCodecs.encoder(dtype).orElseThrow().encode(values, 0, values.length, MemorySegment.ofArray(bytes), 0);
        backend.write(buffer, 0, MemorySegment.ofArray(bytes));
        return buffer;
    }

    /** An F32 buffer of {@code rows.length} rows. */
    public Buffer rows(float[][] rows) {
        return upload(DType.F32, concatenate(rows), rows.length, rows[0].length);
    }

    /** An I32 buffer of {@code values}. */
    public Buffer ints(int... values) {
        Buffer buffer = backend.allocate(DType.I32, Shape.of(Math.max(1, values.length)));
        backend.write(buffer, values);
        return buffer;
    }

    /** An I32 buffer of shape {@code dims} holding {@code values} row-major. */
    public Buffer ints(int[] values, long... dims) {
        Buffer buffer = backend.allocate(DType.I32, Shape.of(dims));
        backend.write(buffer, values);
        return buffer;
    }

    /** A zeroed buffer. */
    public Buffer zeros(DType dtype, long... dims) {
        return backend.allocate(dtype, Shape.of(dims));
    }

    /** The first {@code rows} rows of a buffer, decoded to floats. */
    public float[][] readRows(Buffer buffer, int rows) {
        int width = buffer.width();
        long bytes = buffer.dtype().byteSize((long) rows * width);
        byte[] raw = new byte[Math.toIntExact(bytes)];
        backend.read(buffer, 0, MemorySegment.ofArray(raw));
        float[] all = new float[rows * width];
        BlockCodecs.decoder(buffer.dtype()).decode(MemorySegment.ofArray(raw), 0, all, 0, all.length);
        float[][] result = new float[rows][width];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(all, r * width, result[r], 0, width);
        }
        return result;
    }

    /** The first {@code count} entries of an I32 buffer. */
    public int[] readInts(Buffer buffer, int count) {
        int[] values = new int[count];
        backend.read(buffer, 0, MemorySegment.ofArray(values));
        return values;
    }

    /** Compiles {@code ops} for {@code step} and runs them once. */
    public void run(Step step, Op... ops) {
        backend.compile(List.of(ops), step).run(step);
    }

    /** Rows of equal width, one after the other in one array. */
    public static float[] concatenate(float[][] rows) {
        int width = rows[0].length;
        float[] all = new float[rows.length * width];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, all, r * width, width);
        }
        return all;
    }
}
