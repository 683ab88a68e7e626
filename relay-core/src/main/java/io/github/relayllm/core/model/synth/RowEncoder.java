package io.github.relayllm.core.model.synth;

import io.github.relayllm.core.format.TensorSource;
import io.github.relayllm.core.model.WeightSpec;
import io.github.relayllm.kernels.tensor.BlockCodecs;
import io.github.relayllm.kernels.tensor.BlockEncoder;
import io.github.relayllm.kernels.tensor.DType;
import java.lang.foreign.MemorySegment;
import java.util.function.LongUnaryOperator;
import java.util.stream.LongStream;

/**
 * Produces a weight's bytes in a given dtype from {@link WeightValues}, one row at a time and in
 * parallel over rows, so that a tensor costs its encoded size in memory and no float copy of it.
 */
final class RowEncoder {
    private RowEncoder() {}

    /**
     * A tensor source for {@code spec} in {@code dtype} whose stored row {@code r} holds the values
     * of row {@code sourceRow.applyAsLong(r)}.
     *
     * @throws IllegalArgumentException if {@code dtype} has no encoder or the rows are not whole
     *     blocks of it
     */
    static TensorSource rows(WeightSpec spec, DType dtype, WeightValues values, LongUnaryOperator sourceRow) {
        BlockEncoder encoder = encoder(dtype);
        int rowLength = Math.toIntExact(spec.shape().rowLength());
        if (rowLength % dtype.blockSize() != 0) {
            throw new IllegalArgumentException("%s has rows of %d values, not whole %s blocks of %d"
                    .formatted(spec.name(), rowLength, dtype, dtype.blockSize()));
        }
        long rowBytes = dtype.byteSize(rowLength);
        return TensorSource.generated(
                dtype,
                spec.shape(),
                data -> LongStream.range(0, spec.shape().rowCount()).parallel().forEach(r -> {
                    float[] row = new float[rowLength];
                    values.fillRow(spec, sourceRow.applyAsLong(r), row);
                    encoder.encode(row, 0, rowLength, data, r * rowBytes);
                }));
    }

    /** A vector whose elements are permuted: stored element {@code e} is source element {@code map(e)}. */
    static TensorSource permutedVector(WeightSpec spec, DType dtype, WeightValues values, LongUnaryOperator map) {
        BlockEncoder encoder = encoder(dtype);
        int length = Math.toIntExact(spec.shape().rowLength());
        return TensorSource.generated(dtype, spec.shape(), data -> {
            float[] source = new float[length];
            values.fillRow(spec, 0, source);
            float[] stored = new float[length];
            for (int e = 0; e < length; e++) {
                stored[e] = source[Math.toIntExact(map.applyAsLong(e))];
            }
            encoder.encode(stored, 0, length, data, 0);
        });
    }

    /** Fixed values (such as RoPE divisors) as a tensor source. */
    static TensorSource constant(WeightSpec spec, DType dtype, float[] values) {
        BlockEncoder encoder = encoder(dtype);
        return TensorSource.generated(
                dtype, spec.shape(), (MemorySegment data) -> encoder.encode(values, 0, values.length, data, 0));
    }

    private static BlockEncoder encoder(DType dtype) {
        return BlockCodecs.encoder(dtype)
                .orElseThrow(() -> new IllegalArgumentException("Relay can not write %s weights (it writes %s)"
                        .formatted(dtype, BlockCodecs.encodableTypes())));
    }
}
