package io.github.relayllm.core.format.gguf;

import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads the tensor-info section of a GGUF file: per tensor its name, dimensions, GGML type and data
 * offset, each checked on its own (unique name, 1 to 4 positive dimensions whose product fits a
 * long, a type Relay supports, rows of whole blocks). Where the data lies is checked afterwards by
 * {@link TensorPlacement}, once the data section's start is known.
 */
final class TensorInfoReader {
    /** A tensor's info and where its offset field was read, for errors about its placement. */
    record Entry(GgufTensorInfo info, long offsetFieldAt) {}

    private final GgufCursor cursor;

    TensorInfoReader(GgufCursor cursor) {
        this.cursor = cursor;
    }

    List<Entry> read(long count) {
        // Not presized: a wrong count is caught only when the bytes run out.
        List<Entry> entries = new ArrayList<>();
        Map<String, Long> indexByName = new HashMap<>();
        for (long i = 0; i < count; i++) {
            entries.add(readOne(i, indexByName));
        }
        return entries;
    }

    private Entry readOne(long index, Map<String, Long> indexByName) {
        String prefix = "tensor_infos[" + index + "]";
        long nameAt = cursor.position();
        String name = cursor.string(() -> prefix + ".name");
        Long earlier = indexByName.putIfAbsent(name, index);
        if (earlier != null) {
            throw cursor.failure(
                    () -> prefix + ".name",
                    nameAt,
                    "duplicate tensor name \"%s\" (also tensor_infos[%d])".formatted(name, earlier));
        }

        long nDimsAt = cursor.position();
        long nDims = cursor.u32(() -> prefix + ".n_dims");
        if (nDims < 1 || nDims > GgufFormat.MAX_DIMS) {
            throw cursor.failure(
                    () -> prefix + ".n_dims",
                    nDimsAt,
                    "%d dimensions; a tensor has 1 to %d".formatted(nDims, GgufFormat.MAX_DIMS));
        }
        long[] ne = new long[(int) nDims];
        long firstDimAt = cursor.position();
        long elements = 1;
        for (int j = 0; j < ne.length; j++) {
            Supplier<String> field = dimField(prefix, j);
            long at = cursor.position();
            ne[j] = cursor.u64(field);
            if (ne[j] <= 0) {
                throw cursor.failure(
                        field, at, "dimension %s must be positive".formatted(Long.toUnsignedString(ne[j])));
            }
            if (elements > Long.MAX_VALUE / ne[j]) {
                throw cursor.failure(field, at, "the element count overflows 64 bits");
            }
            elements *= ne[j];
        }

        Supplier<String> typeField = () -> prefix + ".type";
        long typeAt = cursor.position();
        DType dtype = dtype(cursor.u32(typeField), typeField, typeAt);
        if (ne[0] % dtype.blockSize() != 0) {
            throw cursor.failure(
                    dimField(prefix, 0),
                    firstDimAt,
                    "rows of %d elements are not a whole number of %s blocks of %d"
                            .formatted(ne[0], dtype, dtype.blockSize()));
        }
        long byteSize;
        try {
            byteSize = dtype.byteSize(elements);
        } catch (ArithmeticException overflow) {
            throw cursor.failure(
                    typeField, typeAt, "%d %s elements need more than 2^63 bytes".formatted(elements, dtype));
        }

        Supplier<String> offsetField = () -> prefix + ".offset";
        long offsetAt = cursor.position();
        long offset = cursor.u64(offsetField);
        if (offset < 0 || offset > Long.MAX_VALUE - byteSize) {
            throw cursor.failure(
                    offsetField,
                    offsetAt,
                    "offset %s puts the data past any file".formatted(Long.toUnsignedString(offset)));
        }
        return new Entry(new GgufTensorInfo(name, dtype, Shape.fromGgml(ne), offset, byteSize), offsetAt);
    }

    private DType dtype(long ggmlType, Supplier<String> field, long at) {
        return DType.fromGgmlType((int) Math.min(ggmlType, Integer.MAX_VALUE))
                .orElseThrow(() -> cursor.failure(
                        field,
                        at,
                        UnsupportedGgmlType.fromGgmlType(ggmlType)
                                .map(known -> "GGML type %d (%s) is not supported by Relay".formatted(ggmlType, known))
                                .orElseGet(() -> "unknown GGML type %d".formatted(ggmlType))));
    }

    private static Supplier<String> dimField(String prefix, int dim) {
        return () -> prefix + ".ne[" + dim + "]";
    }
}
