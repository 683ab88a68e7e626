package io.github.relayllm.core.format.gguf;

import io.github.relayllm.core.format.ModelFormatException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SequencedMap;
import java.util.SequencedSet;

/**
 * The key-value metadata of a GGUF file, in file order, with typed accessors that turn a missing or
 * mistyped value into a {@link ModelFormatException} naming the file, the key and the byte offset of
 * the value.
 *
 * <p>Accessors that return an {@code Optional} (or {@code OptionalLong}, ...) are empty when the key
 * is absent; {@code require*} accessors throw when it is absent. Every accessor throws when the
 * value has another type or does not fit the result. Integer accessors accept any of the eight
 * integer wire types (writers disagree on whether a count is {@code UINT32} or {@code INT32});
 * floating-point accessors also accept integers.
 *
 * <p>Immutable and thread-safe. Lookups are hash-map lookups; {@link #floatArray}, {@link #intArray}
 * and {@link #longArray} copy the array, {@link #stringArray} does not.
 */
public final class GgufMetadata {
    private final String source;
    private final SequencedMap<String, GgufValue> values;
    private final Map<String, Long> valueOffsets;

    /**
     * @param values the values in file order
     * @param valueOffsets for each key, the byte offset in {@code source} of its value's first byte
     */
    GgufMetadata(String source, LinkedHashMap<String, GgufValue> values, Map<String, Long> valueOffsets) {
        this.source = source;
        this.values = Collections.unmodifiableSequencedMap(values);
        this.valueOffsets = Map.copyOf(valueOffsets);
    }

    /**
     * Metadata built in memory rather than read from a file (such as a generated vocabulary), with
     * the same typed accessors; errors name {@code source} and no offsets.
     */
    public static GgufMetadata of(String source, Map<String, ? extends GgufValue> values) {
        return new GgufMetadata(source, new LinkedHashMap<>(values), Map.of());
    }

    /** The file (or in-memory source) the metadata was read from. */
    public String source() {
        return source;
    }

    public int size() {
        return values.size();
    }

    /** The keys in file order. */
    public SequencedSet<String> keys() {
        return values.sequencedKeySet();
    }

    public boolean contains(String key) {
        return values.containsKey(key);
    }

    public Optional<GgufValue> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** All values by key, in file order (unmodifiable); what {@link GgufWriter#putAll} takes. */
    public SequencedMap<String, GgufValue> asMap() {
        return values;
    }

    /** The values whose keys start with {@code prefix} (such as {@code "tokenizer."}), in file order. */
    public SequencedMap<String, GgufValue> withPrefix(String prefix) {
        LinkedHashMap<String, GgufValue> selected = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                selected.put(key, value);
            }
        });
        return Collections.unmodifiableSequencedMap(selected);
    }

    /** Byte offset of the value of {@code key} in the file, or {@link ModelFormatException#UNKNOWN_OFFSET}. */
    public long offsetOf(String key) {
        return valueOffsets.getOrDefault(key, ModelFormatException.UNKNOWN_OFFSET);
    }

    public Optional<String> string(String key) {
        return typed(key, GgufValue.StringValue.class, "a string").map(GgufValue.StringValue::value);
    }

    public String requireString(String key) {
        return string(key).orElseThrow(() -> missing(key));
    }

    /** The integer at {@code key}, of any integer type, if it fits a {@code long}. */
    public OptionalLong optionalLong(String key) {
        Optional<GgufValue.IntegerValue> value = typed(key, GgufValue.IntegerValue.class, "an integer");
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        if (!value.get().fitsLong()) {
            throw mistyped(key, "%s does not fit a signed 64-bit integer".formatted(value.get()));
        }
        return OptionalLong.of(value.get().value());
    }

    public long requireLong(String key) {
        return optionalLong(key).orElseThrow(() -> missing(key));
    }

    /** The integer at {@code key}, of any integer type, if it fits an {@code int}. */
    public OptionalInt optionalInt(String key) {
        OptionalLong value = optionalLong(key);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        if (value.getAsLong() != (int) value.getAsLong()) {
            throw mistyped(key, "%d does not fit a signed 32-bit integer".formatted(value.getAsLong()));
        }
        return OptionalInt.of((int) value.getAsLong());
    }

    public int requireInt(String key) {
        return optionalInt(key).orElseThrow(() -> missing(key));
    }

    /** The number at {@code key}: a {@code FLOAT32}, a {@code FLOAT64} or an integer that fits a long. */
    public OptionalDouble optionalDouble(String key) {
        GgufValue value = values.get(key);
        return switch (value) {
            case null -> OptionalDouble.empty();
            case GgufValue.FloatValue real -> OptionalDouble.of(real.value());
            case GgufValue.IntegerValue _ -> OptionalDouble.of(optionalLong(key).orElseThrow());
            default -> throw wrongType(key, "a number", value);
        };
    }

    public double requireDouble(String key) {
        return optionalDouble(key).orElseThrow(() -> missing(key));
    }

    public Optional<Boolean> optionalBool(String key) {
        return typed(key, GgufValue.BoolValue.class, "a boolean").map(GgufValue.BoolValue::value);
    }

    /** The string array at {@code key} (unmodifiable, not copied). */
    public Optional<List<String>> stringArray(String key) {
        return typed(key, GgufArray.OfStrings.class, "an array of strings").map(GgufArray.OfStrings::values);
    }

    /** The {@code FLOAT32} or {@code FLOAT64} array at {@code key} as floats (a copy; FLOAT64 rounds). */
    public Optional<float[]> floatArray(String key) {
        return typed(key, GgufArray.OfFloats.class, "an array of floats").map(array -> {
            float[] floats = new float[array.size()];
            for (int i = 0; i < floats.length; i++) {
                floats[i] = (float) array.get(i);
            }
            return floats;
        });
    }

    /** The integer array at {@code key}, of any integer element type whose values fit an {@code int}. */
    public Optional<int[]> intArray(String key) {
        return typed(key, GgufArray.OfIntegers.class, "an array of integers").map(array -> {
            int[] ints = new int[array.size()];
            for (int i = 0; i < ints.length; i++) {
                long value = array.get(i);
                if (value != (int) value) {
                    throw new ModelFormatException(
                            source,
                            "metadata[\"%s\"][%d]".formatted(key, i),
                            elementOffset(key, array, i),
                            "%s does not fit a signed 32-bit integer"
                                    .formatted(new GgufValue.IntegerValue(array.elementType(), value)));
                }
                ints[i] = (int) value;
            }
            return ints;
        });
    }

    /** The integer array at {@code key}, of any integer element type (UINT64 elements keep their bits). */
    public Optional<long[]> longArray(String key) {
        return typed(key, GgufArray.OfIntegers.class, "an array of integers").map(GgufArray.OfIntegers::values);
    }

    @Override
    public String toString() {
        return "GgufMetadata" + values;
    }

    private <T extends GgufValue> Optional<T> typed(String key, Class<T> kind, String expected) {
        GgufValue value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!kind.isInstance(value)) {
            throw wrongType(key, expected, value);
        }
        return Optional.of(kind.cast(value));
    }

    /** Where element {@code index} of a fixed-size-element array lies: after the 12-byte array header. */
    private long elementOffset(String key, GgufArray array, int index) {
        long valueOffset = offsetOf(key);
        return valueOffset == ModelFormatException.UNKNOWN_OFFSET
                ? valueOffset
                : valueOffset + 12 + (long) index * array.elementType().minWireBytes();
    }

    private ModelFormatException wrongType(String key, String expected, GgufValue found) {
        String kind = found instanceof GgufArray array
                ? "an array of " + array.elementType()
                : found.type().toString();
        return mistyped(key, "expected %s, found %s".formatted(expected, kind));
    }

    private ModelFormatException mistyped(String key, String problem) {
        return new ModelFormatException(source, field(key), offsetOf(key), problem);
    }

    private ModelFormatException missing(String key) {
        return new ModelFormatException(
                source, field(key), ModelFormatException.UNKNOWN_OFFSET, "required key is missing");
    }

    static String field(String key) {
        return "metadata[\"" + key + "\"]";
    }
}
