package io.github.relayllm.core.format.gguf;

import java.util.Optional;

/**
 * The thirteen value types of GGUF metadata, with the numeric ids the file stores before each value
 * (and before the elements of an array). The ids are part of the file format and never change.
 *
 * <p>Integers are stored with the width and signedness the type names. {@link #UINT64} values do not
 * all fit a Java {@code long}: Relay keeps their 64 bits as they are (two's complement), see {@link
 * GgufValue.IntegerValue}.
 */
public enum GgufType {
    UINT8(0, 1, 0, 0xFFL),
    INT8(1, 1, Byte.MIN_VALUE, Byte.MAX_VALUE),
    UINT16(2, 2, 0, 0xFFFFL),
    INT16(3, 2, Short.MIN_VALUE, Short.MAX_VALUE),
    UINT32(4, 4, 0, 0xFFFF_FFFFL),
    INT32(5, 4, Integer.MIN_VALUE, Integer.MAX_VALUE),
    FLOAT32(6, 4),
    BOOL(7, 1),
    /** A uint64 byte length, then that many bytes of UTF-8. */
    STRING(8, 8),
    /** A uint32 element type, a uint64 element count, then the elements (which may be arrays). */
    ARRAY(9, 12),
    /** Unsigned 64-bit; every {@code long} bit pattern is a valid value. */
    UINT64(10, 8, Long.MIN_VALUE, Long.MAX_VALUE),
    INT64(11, 8, Long.MIN_VALUE, Long.MAX_VALUE),
    FLOAT64(12, 8);

    private static final GgufType[] BY_ID = values();

    private final int id;
    private final int minWireBytes;
    private final boolean integer;
    private final long min;
    private final long max;

    GgufType(int id, int wireBytes, long min, long max) {
        this.id = id;
        this.minWireBytes = wireBytes;
        this.integer = true;
        this.min = min;
        this.max = max;
    }

    GgufType(int id, int minWireBytes) {
        this.id = id;
        this.minWireBytes = minWireBytes;
        this.integer = false;
        this.min = 0;
        this.max = 0;
    }

    /** The id GGUF stores for this type. */
    public int id() {
        return id;
    }

    /**
     * Bytes one value of this type occupies at least: its exact size for numbers and booleans, the
     * length prefix of an empty string, the header of an empty array. Readers use it to reject counts
     * that the remaining bytes can not hold before they allocate anything.
     */
    public int minWireBytes() {
        return minWireBytes;
    }

    /** Whether values of this type occupy exactly {@link #minWireBytes()} bytes. */
    public boolean isFixedSize() {
        return this != STRING && this != ARRAY;
    }

    /** Whether this is one of the eight integer types. */
    public boolean isInteger() {
        return integer;
    }

    /** Whether this is {@link #FLOAT32} or {@link #FLOAT64}. */
    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT64;
    }

    /**
     * Whether {@code value} is a value of this integer type; for {@link #UINT64} every bit pattern is.
     *
     * @throws IllegalStateException if this is not an integer type
     */
    public boolean holds(long value) {
        if (!integer) {
            throw new IllegalStateException(this + " is not an integer type");
        }
        return value >= min && value <= max;
    }

    /** The type whose id is {@code id}, if there is one. */
    public static Optional<GgufType> fromId(long id) {
        return id >= 0 && id < BY_ID.length ? Optional.of(BY_ID[(int) id]) : Optional.empty();
    }
}
