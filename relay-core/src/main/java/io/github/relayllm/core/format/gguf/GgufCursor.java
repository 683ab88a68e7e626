package io.github.relayllm.core.format.gguf;

import io.github.relayllm.core.format.ModelFormatException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Reads GGUF's little-endian wire values from a segment, front to back, checking every read against
 * the bytes that remain. Each read names the field it is for (a supplier, so that names of array
 * elements are only built when something is wrong) and fails with a {@link ModelFormatException} at
 * the offset where the read began. Not thread-safe: one cursor per parse.
 */
final class GgufCursor {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment bytes;
    private final String source;
    private long position;

    private final CharsetDecoder utf8 = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] scratchBytes = new byte[256];
    private CharBuffer scratchChars = CharBuffer.allocate(256);

    GgufCursor(MemorySegment bytes, String source) {
        this.bytes = bytes;
        this.source = source;
    }

    MemorySegment bytes() {
        return bytes;
    }

    String source() {
        return source;
    }

    long position() {
        return position;
    }

    long size() {
        return bytes.byteSize();
    }

    long remaining() {
        return bytes.byteSize() - position;
    }

    /** Claims the next {@code count} bytes and returns where they start. */
    long take(long count, Supplier<String> field) {
        if (count < 0 || count > remaining()) {
            throw failure(
                    field,
                    position,
                    "needs %s bytes but only %d remain: the file is truncated"
                            .formatted(Long.toUnsignedString(count), remaining()));
        }
        long start = position;
        position += count;
        return start;
    }

    int u8(Supplier<String> field) {
        return Byte.toUnsignedInt(bytes.get(ValueLayout.JAVA_BYTE, take(1, field)));
    }

    /** An unsigned 32-bit value. */
    long u32(Supplier<String> field) {
        return Integer.toUnsignedLong(bytes.get(U32, take(4, field)));
    }

    /** A 64-bit value; callers treat it as unsigned (negative means 2^63 or more). */
    long u64(Supplier<String> field) {
        return bytes.get(U64, take(8, field));
    }

    /** The integer of wire type {@code type} at {@code offset}, sign- or zero-extended to 64 bits. */
    long integerAt(GgufType type, long offset) {
        return switch (type) {
            case UINT8 -> Byte.toUnsignedLong(bytes.get(ValueLayout.JAVA_BYTE, offset));
            case INT8 -> bytes.get(ValueLayout.JAVA_BYTE, offset);
            case UINT16 -> Short.toUnsignedLong(bytes.get(U16, offset));
            case INT16 -> bytes.get(U16, offset);
            case UINT32 -> Integer.toUnsignedLong(bytes.get(U32, offset));
            case INT32 -> bytes.get(U32, offset);
            case UINT64, INT64 -> bytes.get(U64, offset);
            default -> throw new IllegalArgumentException(type + " is not an integer type");
        };
    }

    /** The float of wire type {@code type} at {@code offset}, widened to a double. */
    double floatAt(GgufType type, long offset) {
        return switch (type) {
            case FLOAT32 -> Float.intBitsToFloat(bytes.get(U32, offset));
            case FLOAT64 -> Double.longBitsToDouble(bytes.get(U64, offset));
            default -> throw new IllegalArgumentException(type + " is not a floating-point type");
        };
    }

    /** A length-prefixed string, decoded strictly as UTF-8. */
    String string(Supplier<String> field) {
        long lengthAt = position;
        long length = u64(field);
        if (length < 0 || length > GgufFormat.MAX_STRING_BYTES) {
            throw failure(
                    field,
                    lengthAt,
                    "string length %s exceeds Relay's limit of %d bytes"
                            .formatted(Long.toUnsignedString(length), GgufFormat.MAX_STRING_BYTES));
        }
        if (length > remaining()) {
            throw failure(
                    field,
                    lengthAt,
                    "a string of %d bytes runs past the end of the file (%d bytes remain)"
                            .formatted(length, remaining()));
        }
        long start = take(length, field);
        return decodeUtf8(start, (int) length, field);
    }

    ModelFormatException failure(Supplier<String> field, long offset, String problem) {
        return new ModelFormatException(source, field.get(), offset, problem);
    }

    private String decodeUtf8(long start, int length, Supplier<String> field) {
        if (length == 0) {
            return "";
        }
        if (scratchBytes.length < length) {
            scratchBytes = new byte[Math.max(length, scratchBytes.length * 2)];
        }
        MemorySegment.copy(bytes, ValueLayout.JAVA_BYTE, start, scratchBytes, 0, length);
        if (isAscii(scratchBytes, length)) {
            return new String(scratchBytes, 0, length, StandardCharsets.ISO_8859_1);
        }
        // UTF-8 never decodes to more UTF-16 chars than it has bytes.
        if (scratchChars.capacity() < length) {
            scratchChars = CharBuffer.allocate(Math.max(length, scratchChars.capacity() * 2));
        }
        ByteBuffer in = ByteBuffer.wrap(scratchBytes, 0, length);
        CharBuffer out = scratchChars.clear();
        utf8.reset();
        CoderResult result = utf8.decode(in, out, true);
        if (!result.isError()) {
            result = utf8.flush(out);
        }
        if (result.isError()) {
            throw failure(
                    field,
                    start + in.position(),
                    "invalid UTF-8: %d malformed byte(s) at index %d of the string"
                            .formatted(result.length(), in.position()));
        }
        return out.flip().toString();
    }

    private static boolean isAscii(byte[] data, int length) {
        for (int i = 0; i < length; i++) {
            if (data[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
