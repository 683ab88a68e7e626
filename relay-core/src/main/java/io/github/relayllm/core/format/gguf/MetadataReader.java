package io.github.relayllm.core.format.gguf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads the key-value section of a GGUF file into {@link GgufMetadata}. Every count is checked
 * against the bytes left before anything is allocated (each element needs at least its type's {@link
 * GgufType#minWireBytes()}), array nesting is bounded by {@link GgufFormat#MAX_ARRAY_DEPTH}, and the
 * total number of array elements by {@link GgufFormat#MAX_METADATA_ELEMENTS}.
 */
final class MetadataReader {
    private final GgufCursor cursor;
    private long elementBudget = GgufFormat.MAX_METADATA_ELEMENTS;

    MetadataReader(GgufCursor cursor) {
        this.cursor = cursor;
    }

    /** Reads {@code count} key-value pairs; the caller has checked that the file could hold them. */
    GgufMetadata read(long count) {
        // Not presized: a count can be large and still wrong, and real files have a few dozen keys.
        LinkedHashMap<String, GgufValue> values = new LinkedHashMap<>();
        Map<String, Long> offsets = new HashMap<>();
        Map<String, Long> indexByKey = new HashMap<>();
        for (long i = 0; i < count; i++) {
            long index = i;
            long keyAt = cursor.position();
            Supplier<String> keyField = () -> "metadata[" + index + "].key";
            String key = cursor.string(keyField);
            Long earlier = indexByKey.putIfAbsent(key, index);
            if (earlier != null) {
                throw cursor.failure(
                        keyField, keyAt, "duplicate key \"%s\" (also metadata[%d])".formatted(key, earlier));
            }
            Supplier<String> field = () -> GgufMetadata.field(key);
            GgufType type = readType(() -> field.get() + ".type");
            offsets.put(key, cursor.position());
            values.put(key, readValue(type, field));
        }
        return new GgufMetadata(cursor.source(), values, offsets);
    }

    private GgufType readType(Supplier<String> field) {
        long at = cursor.position();
        long id = cursor.u32(field);
        return GgufType.fromId(id)
                .orElseThrow(() -> cursor.failure(field, at, "unknown value type %d (known: 0 to 12)".formatted(id)));
    }

    private GgufValue readValue(GgufType type, Supplier<String> field) {
        return switch (type) {
            case STRING -> new GgufValue.StringValue(cursor.string(field));
            case BOOL -> new GgufValue.BoolValue(readBool(field));
            case FLOAT32, FLOAT64 -> new GgufValue.FloatValue(type, cursor.floatAt(type, take(type, 1, field)));
            case ARRAY -> readArray(field, 1);
            default -> new GgufValue.IntegerValue(type, cursor.integerAt(type, take(type, 1, field)));
        };
    }

    private GgufArray readArray(Supplier<String> field, int depth) {
        if (depth > GgufFormat.MAX_ARRAY_DEPTH) {
            throw cursor.failure(
                    field,
                    cursor.position(),
                    "arrays nested deeper than %d levels".formatted(GgufFormat.MAX_ARRAY_DEPTH));
        }
        GgufType elementType = readType(() -> field.get() + ".element_type");
        int size = readElementCount(elementType, () -> field.get() + ".count");
        return switch (elementType) {
            case STRING -> {
                String[] strings = new String[size];
                for (int i = 0; i < size; i++) {
                    strings[i] = cursor.string(element(field, i));
                }
                yield new GgufArray.OfStrings(Arrays.asList(strings));
            }
            case BOOL -> {
                boolean[] bools = new boolean[size];
                for (int i = 0; i < size; i++) {
                    bools[i] = readBool(element(field, i));
                }
                yield new GgufArray.OfBools(bools);
            }
            case FLOAT32, FLOAT64 -> {
                long start = take(elementType, size, field);
                double[] numbers = new double[size];
                for (int i = 0; i < size; i++) {
                    numbers[i] = cursor.floatAt(elementType, start + (long) i * elementType.minWireBytes());
                }
                yield new GgufArray.OfFloats(elementType, numbers);
            }
            case ARRAY -> {
                List<GgufArray> arrays = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    arrays.add(readArray(element(field, i), depth + 1));
                }
                yield new GgufArray.OfArrays(arrays);
            }
            default -> {
                long start = take(elementType, size, field);
                long[] numbers = new long[size];
                for (int i = 0; i < size; i++) {
                    numbers[i] = cursor.integerAt(elementType, start + (long) i * elementType.minWireBytes());
                }
                yield new GgufArray.OfIntegers(elementType, numbers);
            }
        };
    }

    /** Reads an element count and checks it against the bytes left and the element budget. */
    private int readElementCount(GgufType elementType, Supplier<String> field) {
        long at = cursor.position();
        long count = cursor.u64(field);
        long fitting = cursor.remaining() / elementType.minWireBytes();
        if (count < 0 || count > fitting) {
            throw cursor.failure(
                    field,
                    at,
                    "%s elements of %s need at least %d bytes each, but only %d bytes remain"
                            .formatted(
                                    Long.toUnsignedString(count),
                                    elementType,
                                    elementType.minWireBytes(),
                                    cursor.remaining()));
        }
        if (count > elementBudget) {
            throw cursor.failure(
                    field,
                    at,
                    "%d more array elements exceed Relay's limit of %d in all metadata"
                            .formatted(count, GgufFormat.MAX_METADATA_ELEMENTS));
        }
        elementBudget -= count;
        return (int) count;
    }

    private boolean readBool(Supplier<String> field) {
        long at = cursor.position();
        int value = cursor.u8(field);
        if (value > 1) {
            throw cursor.failure(field, at, "a boolean must be 0 or 1, found %d".formatted(value));
        }
        return value == 1;
    }

    private long take(GgufType type, int count, Supplier<String> field) {
        return cursor.take((long) count * type.minWireBytes(), field);
    }

    private static Supplier<String> element(Supplier<String> array, int index) {
        return () -> array.get() + "[" + index + "]";
    }
}
