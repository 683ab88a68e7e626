package io.github.relayllm.core.format.gguf;

import java.util.Objects;

/**
 * A GGUF metadata value: one of the scalar records below or a {@link GgufArray}. Every value knows
 * its wire {@link #type()}, so a value read from one file writes back to another with the same bytes
 * ({@link GgufWriter#put}).
 *
 * <p>Values are immutable and validated on construction: an integer fits its type, a {@code FLOAT32}
 * holds a value a {@code float} can represent, a string is well-formed Unicode (so it encodes to
 * UTF-8 without loss). Models usually read values through {@link GgufMetadata}'s typed accessors
 * rather than by matching on these records.
 */
public sealed interface GgufValue
        permits GgufValue.IntegerValue, GgufValue.FloatValue, GgufValue.BoolValue, GgufValue.StringValue, GgufArray {

    /** The wire type: the integer width, {@code FLOAT32}/{@code FLOAT64}, {@code BOOL}, {@code STRING} or {@code ARRAY}. */
    GgufType type();

    static IntegerValue uint32(long value) {
        return new IntegerValue(GgufType.UINT32, value);
    }

    static IntegerValue int32(int value) {
        return new IntegerValue(GgufType.INT32, value);
    }

    /** A {@code UINT64}; {@code bits} is the unsigned value's two's complement bit pattern. */
    static IntegerValue uint64(long bits) {
        return new IntegerValue(GgufType.UINT64, bits);
    }

    static IntegerValue int64(long value) {
        return new IntegerValue(GgufType.INT64, value);
    }

    static FloatValue float32(float value) {
        return new FloatValue(GgufType.FLOAT32, value);
    }

    static FloatValue float64(double value) {
        return new FloatValue(GgufType.FLOAT64, value);
    }

    static BoolValue bool(boolean value) {
        return new BoolValue(value);
    }

    static StringValue string(String value) {
        return new StringValue(value);
    }

    /**
     * An integer of any of the eight integer types. For {@link GgufType#UINT64}, {@code value} holds
     * the 64 bits as they are, so values of 2^63 and above are negative here; {@link #toString()} and
     * {@link GgufMetadata#requireLong} treat them as unsigned.
     *
     * @param type an integer type
     * @param value a value of that type
     */
    record IntegerValue(GgufType type, long value) implements GgufValue {
        public IntegerValue {
            Objects.requireNonNull(type, "type");
            if (!type.isInteger()) {
                throw new IllegalArgumentException(type + " is not an integer type");
            }
            if (!type.holds(value)) {
                throw new IllegalArgumentException(value + " is out of range for " + type);
            }
        }

        /** Whether the value is a number a Java {@code long} holds (false only for large UINT64s). */
        public boolean fitsLong() {
            return type != GgufType.UINT64 || value >= 0;
        }

        @Override
        public String toString() {
            return type + ":" + (type == GgufType.UINT64 ? Long.toUnsignedString(value) : Long.toString(value));
        }
    }

    /**
     * A {@code FLOAT32} or {@code FLOAT64}. A {@code FLOAT32} holds a value a {@code float}
     * represents exactly (any NaN is allowed), so writing it back loses nothing.
     */
    record FloatValue(GgufType type, double value) implements GgufValue {
        public FloatValue {
            Objects.requireNonNull(type, "type");
            if (!type.isFloat()) {
                throw new IllegalArgumentException(type + " is not a floating-point type");
            }
            if (type == GgufType.FLOAT32 && !isFloat32(value)) {
                throw new IllegalArgumentException(value + " is not a float32 value; round it with (float) first");
            }
        }

        static boolean isFloat32(double value) {
            return Double.isNaN(value) || (double) (float) value == value;
        }

        @Override
        public String toString() {
            return type + ":" + (type == GgufType.FLOAT32 ? Float.toString((float) value) : Double.toString(value));
        }
    }

    /** A {@code BOOL}, stored as one byte, 0 or 1. */
    record BoolValue(boolean value) implements GgufValue {
        @Override
        public GgufType type() {
            return GgufType.BOOL;
        }
    }

    /** A {@code STRING}: well-formed Unicode (no unpaired surrogates), stored as UTF-8. */
    record StringValue(String value) implements GgufValue {
        public StringValue {
            requireWellFormed(value);
        }

        @Override
        public GgufType type() {
            return GgufType.STRING;
        }

        static void requireWellFormed(String value) {
            Objects.requireNonNull(value, "value");
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isHighSurrogate(c)
                        && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new IllegalArgumentException(
                            "unpaired surrogate U+%04X at index %d can not be written as UTF-8".formatted((int) c, i));
                }
            }
        }

        @Override
        public String toString() {
            return "STRING:\"" + value + "\"";
        }
    }
}
