package io.github.relayllm.core.format.gguf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * Writes GGUF's little-endian wire values to a channel through a fixed 1 MiB native buffer, so that
 * files of any size stream out in constant memory. Tracks the position for alignment padding. Not
 * thread-safe; {@link #close()} flushes and frees the buffer but leaves the channel open.
 */
final class GgufEncoder implements AutoCloseable {
    private static final int BUFFER_BYTES = 1 << 20;
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final WritableByteChannel channel;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment buffer = arena.allocate(BUFFER_BYTES);
    private final ByteBuffer bufferView = buffer.asByteBuffer();
    private int filled;
    private long flushed;

    GgufEncoder(WritableByteChannel channel) {
        this.channel = channel;
    }

    /** Bytes written so far, buffered ones included. */
    long position() {
        return flushed + filled;
    }

    void u8(int value) throws IOException {
        reserve(1).set(ValueLayout.JAVA_BYTE, filled - 1L, (byte) value);
    }

    void u32(long value) throws IOException {
        reserve(4).set(U32, filled - 4L, (int) value);
    }

    void u64(long value) throws IOException {
        reserve(8).set(U64, filled - 8L, value);
    }

    void string(String value) throws IOException {
        // Strings in GgufValues are well-formed, so this encoding is lossless.
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        u64(utf8.length);
        bytes(MemorySegment.ofArray(utf8));
    }

    /** A value's bytes, without its type tag. */
    void value(GgufValue value) throws IOException {
        switch (value) {
            case GgufValue.IntegerValue(GgufType type, long integer) -> integer(type, integer);
            case GgufValue.FloatValue(GgufType type, double real) -> real(type, real);
            case GgufValue.BoolValue(boolean bool) -> u8(bool ? 1 : 0);
            case GgufValue.StringValue(String string) -> string(string);
            case GgufArray array -> array(array);
        }
    }

    /** Copies {@code data} (of any size, from any kind of segment) to the output. */
    void bytes(MemorySegment data) throws IOException {
        long done = 0;
        while (done < data.byteSize()) {
            if (filled == BUFFER_BYTES) {
                flush();
            }
            int chunk = (int) Math.min(BUFFER_BYTES - filled, data.byteSize() - done);
            MemorySegment.copy(data, done, buffer, filled, chunk);
            filled += chunk;
            done += chunk;
        }
    }

    /** Writes zeros up to the next multiple of {@code alignment}. */
    void padTo(long alignment) throws IOException {
        long padding = GgufFormat.alignUp(position(), alignment) - position();
        while (padding > 0) {
            if (filled == BUFFER_BYTES) {
                flush();
            }
            int chunk = (int) Math.min(BUFFER_BYTES - filled, padding);
            buffer.asSlice(filled, chunk).fill((byte) 0);
            filled += chunk;
            padding -= chunk;
        }
    }

    void flush() throws IOException {
        bufferView.clear().limit(filled);
        while (bufferView.hasRemaining()) {
            channel.write(bufferView);
        }
        flushed += filled;
        filled = 0;
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            arena.close();
        }
    }

    private void array(GgufArray array) throws IOException {
        GgufType elementType = array.elementType();
        u32(elementType.id());
        u64(array.size());
        switch (array) {
            case GgufArray.OfIntegers integers -> {
                for (int i = 0; i < integers.size(); i++) {
                    integer(elementType, integers.get(i));
                }
            }
            case GgufArray.OfFloats floats -> {
                for (int i = 0; i < floats.size(); i++) {
                    real(elementType, floats.get(i));
                }
            }
            case GgufArray.OfBools bools -> {
                for (int i = 0; i < bools.size(); i++) {
                    u8(bools.get(i) ? 1 : 0);
                }
            }
            case GgufArray.OfStrings strings -> {
                for (String string : strings.values()) {
                    string(string);
                }
            }
            case GgufArray.OfArrays arrays -> {
                for (GgufArray element : arrays.values()) {
                    array(element);
                }
            }
        }
    }

    private void integer(GgufType type, long value) throws IOException {
        switch (type.minWireBytes()) {
            case 1 -> u8((int) value);
            case 2 -> reserve(2).set(U16, filled - 2L, (short) value);
            case 4 -> u32(value);
            default -> u64(value);
        }
    }

    private void real(GgufType type, double value) throws IOException {
        if (type == GgufType.FLOAT32) {
            u32(Float.floatToRawIntBits((float) value));
        } else {
            u64(Double.doubleToRawLongBits(value));
        }
    }

    /** Makes room for {@code count} more bytes and counts them as filled; returns the buffer to write them into. */
    private MemorySegment reserve(int count) throws IOException {
        if (filled + count > BUFFER_BYTES) {
            flush();
        }
        filled += count;
        return buffer;
    }
}
