package io.github.relayllm.core.format.gguf;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A GGUF {@code ARRAY} value: elements of one {@link #elementType()}, stored compactly. A vocabulary
 * of 151,936 tokens is one {@code String[]}, its scores one {@code double[]}, its token types one
 * {@code long[]}: no object per number.
 *
 * <p>Arrays are immutable. The records copy the primitive arrays they are given, and their {@code
 * values()} accessors return copies (O(n)); use {@code get(i)} to read single elements. {@code
 * equals} compares elements; {@code toString} shows only the first few.
 */
public sealed interface GgufArray extends GgufValue
        permits GgufArray.OfIntegers, GgufArray.OfFloats, GgufArray.OfBools, GgufArray.OfStrings, GgufArray.OfArrays {

    /** The type every element has (for {@link OfArrays}, {@code ARRAY}: each element names its own). */
    GgufType elementType();

    /** Number of elements. */
    int size();

    @Override
    default GgufType type() {
        return GgufType.ARRAY;
    }

    /** Levels of nesting: 1 for an array whose elements are not arrays. */
    default int depth() {
        return 1;
    }

    /** An {@code INT32} array. */
    static OfIntegers int32(int... values) {
        return new OfIntegers(
                GgufType.INT32, Arrays.stream(values).asLongStream().toArray());
    }

    /** A {@code FLOAT32} array. */
    static OfFloats float32(float... values) {
        double[] widened = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            widened[i] = values[i];
        }
        return new OfFloats(GgufType.FLOAT32, widened);
    }

    /** A {@code STRING} array. */
    static OfStrings strings(List<String> values) {
        return new OfStrings(values);
    }

    /**
     * Integers of one integer type ({@code UINT64} elements hold their bits, as in {@link
     * GgufValue.IntegerValue}).
     */
    record OfIntegers(GgufType elementType, long[] values) implements GgufArray {
        public OfIntegers {
            Objects.requireNonNull(elementType, "elementType");
            if (!elementType.isInteger()) {
                throw new IllegalArgumentException(elementType + " is not an integer type");
            }
            values = values.clone();
            for (int i = 0; i < values.length; i++) {
                if (!elementType.holds(values[i])) {
                    throw new IllegalArgumentException(
                            "element %d (%d) is out of range for %s".formatted(i, values[i], elementType));
                }
            }
        }

        /** The elements (a copy). */
        @Override
        public long[] values() {
            return values.clone();
        }

        public long get(int index) {
            return values[index];
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof OfIntegers that
                    && elementType == that.elementType
                    && Arrays.equals(values, that.values);
        }

        @Override
        public int hashCode() {
            return 31 * elementType.hashCode() + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return preview(elementType, values.length, i -> Long.toString(values[i]));
        }
    }

    /**
     * {@code FLOAT32} or {@code FLOAT64} numbers, held as doubles; {@code FLOAT32} elements are values
     * a {@code float} represents exactly.
     */
    record OfFloats(GgufType elementType, double[] values) implements GgufArray {
        public OfFloats {
            Objects.requireNonNull(elementType, "elementType");
            if (!elementType.isFloat()) {
                throw new IllegalArgumentException(elementType + " is not a floating-point type");
            }
            values = values.clone();
            if (elementType == GgufType.FLOAT32) {
                for (int i = 0; i < values.length; i++) {
                    if (!GgufValue.FloatValue.isFloat32(values[i])) {
                        throw new IllegalArgumentException(
                                "element %d (%s) is not a float32 value".formatted(i, values[i]));
                    }
                }
            }
        }

        /** The elements (a copy). */
        @Override
        public double[] values() {
            return values.clone();
        }

        public double get(int index) {
            return values[index];
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof OfFloats that
                    && elementType == that.elementType
                    && Arrays.equals(values, that.values);
        }

        @Override
        public int hashCode() {
            return 31 * elementType.hashCode() + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return preview(elementType, values.length, i -> Double.toString(values[i]));
        }
    }

    /** {@code BOOL} elements. */
    record OfBools(boolean[] values) implements GgufArray {
        public OfBools {
            values = values.clone();
        }

        @Override
        public GgufType elementType() {
            return GgufType.BOOL;
        }

        /** The elements (a copy). */
        @Override
        public boolean[] values() {
            return values.clone();
        }

        public boolean get(int index) {
            return values[index];
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof OfBools that && Arrays.equals(values, that.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return preview(GgufType.BOOL, values.length, i -> Boolean.toString(values[i]));
        }
    }

    /** {@code STRING} elements, each well-formed Unicode. {@link #values()} is unmodifiable and not copied. */
    record OfStrings(List<String> values) implements GgufArray {
        public OfStrings {
            values = List.copyOf(values);
            values.forEach(GgufValue.StringValue::requireWellFormed);
        }

        @Override
        public GgufType elementType() {
            return GgufType.STRING;
        }

        public String get(int index) {
            return values.get(index);
        }

        @Override
        public int size() {
            return values.size();
        }

        @Override
        public String toString() {
            return preview(GgufType.STRING, values.size(), i -> '"' + values.get(i) + '"');
        }
    }

    /** Arrays of arrays: each element is an array with its own element type (and may nest further). */
    record OfArrays(List<GgufArray> values) implements GgufArray {
        public OfArrays {
            values = List.copyOf(values);
        }

        @Override
        public GgufType elementType() {
            return GgufType.ARRAY;
        }

        public GgufArray get(int index) {
            return values.get(index);
        }

        @Override
        public int size() {
            return values.size();
        }

        @Override
        public int depth() {
            return 1 + values.stream().mapToInt(GgufArray::depth).max().orElse(0);
        }

        @Override
        public String toString() {
            return preview(GgufType.ARRAY, values.size(), i -> values.get(i).toString());
        }
    }

    private static String preview(GgufType elementType, int size, IntFunction<String> element) {
        int shown = Math.min(size, 8);
        String head = IntStream.range(0, shown).mapToObj(element).collect(Collectors.joining(", "));
        return "ARRAY<%s>[%d]{%s%s}".formatted(elementType, size, head, size > shown ? ", ..." : "");
    }
}
