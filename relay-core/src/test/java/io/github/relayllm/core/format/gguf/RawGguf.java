package io.github.relayllm.core.format.gguf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds GGUF bytes by hand, valid or deliberately not, and remembers where each named field starts
 * (named as the reader names them, e.g. {@code tensor_infos[1].offset}) so that tests can corrupt a
 * field and assert the offset the reader reports.
 */
final class RawGguf {
    /** What a field holds, so the fuzzer can pick plausible bad values for it. */
    enum Kind {
        MAGIC,
        VERSION,
        COUNT,
        LENGTH,
        TYPE,
        N_DIMS,
        DIM,
        OFFSET,
        VALUE
    }

    /** A field of {@code width} bytes at {@code offset}. */
    record Field(String name, Kind kind, int offset, int width) {}

    private ByteBuffer buffer = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
    private final Map<String, Field> fields = new LinkedHashMap<>();

    /** Magic, version and counts. */
    RawGguf header(long version, long tensorCount, long kvCount) {
        mark("header.magic", Kind.MAGIC, 4).bytes("GGUF".getBytes(StandardCharsets.US_ASCII));
        mark("header.version", Kind.VERSION, 4).u32(version);
        mark("header.tensor_count", Kind.COUNT, 8).u64(tensorCount);
        return mark("header.kv_count", Kind.COUNT, 8).u64(kvCount);
    }

    /** Key {@code index} and its value type; the caller writes the value. */
    RawGguf key(int index, String key, GgufType type) {
        mark("metadata[" + index + "].key", Kind.LENGTH, 8).string(key);
        return mark(GgufMetadata.field(key) + ".type", Kind.TYPE, 4).u32(type.id());
    }

    /** An array header: element type and count, marked under {@code field}. */
    RawGguf arrayHeader(String field, GgufType elementType, long count) {
        mark(field + ".element_type", Kind.TYPE, 4).u32(elementType.id());
        return mark(field + ".count", Kind.COUNT, 8).u64(count);
    }

    RawGguf tensorInfo(int index, String name, long[] ne, int ggmlType, long offset) {
        String prefix = "tensor_infos[" + index + "]";
        mark(prefix + ".name", Kind.LENGTH, 8).string(name);
        mark(prefix + ".n_dims", Kind.N_DIMS, 4).u32(ne.length);
        for (int j = 0; j < ne.length; j++) {
            mark(prefix + ".ne[" + j + "]", Kind.DIM, 8).u64(ne[j]);
        }
        mark(prefix + ".type", Kind.TYPE, 4).u32(ggmlType);
        return mark(prefix + ".offset", Kind.OFFSET, 8).u64(offset);
    }

    /** Records that the field {@code name} starts here. */
    RawGguf mark(String name, Kind kind, int width) {
        fields.put(name, new Field(name, kind, buffer.position(), width));
        return this;
    }

    RawGguf u8(int value) {
        ensure(1).put((byte) value);
        return this;
    }

    RawGguf u16(int value) {
        ensure(2).putShort((short) value);
        return this;
    }

    RawGguf u32(long value) {
        ensure(4).putInt((int) value);
        return this;
    }

    RawGguf u64(long value) {
        ensure(8).putLong(value);
        return this;
    }

    RawGguf f32(float value) {
        ensure(4).putFloat(value);
        return this;
    }

    RawGguf f64(double value) {
        ensure(8).putDouble(value);
        return this;
    }

    RawGguf bytes(byte[] value) {
        ensure(value.length).put(value);
        return this;
    }

    /** A length-prefixed UTF-8 string. */
    RawGguf string(String value) {
        return rawString(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A length-prefixed string of arbitrary bytes (for invalid UTF-8). */
    RawGguf rawString(byte[] value) {
        return u64(value.length).bytes(value);
    }

    RawGguf zeros(int count) {
        return bytes(new byte[count]);
    }

    RawGguf padTo(int alignment) {
        int padding = (alignment - buffer.position() % alignment) % alignment;
        return zeros(padding);
    }

    int position() {
        return buffer.position();
    }

    /** Where the field {@code name} starts. */
    long offsetOf(String name) {
        Field field = fields.get(name);
        if (field == null) {
            throw new IllegalArgumentException("no field " + name + " in " + fields.keySet());
        }
        return field.offset();
    }

    List<Field> fields() {
        return List.copyOf(fields.values());
    }

    byte[] toBytes() {
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    /** The built bytes with the field {@code name} overwritten by {@code value} (little-endian, the field's width). */
    byte[] with(String name, long value) {
        byte[] bytes = toBytes();
        patch(bytes, name, value);
        return bytes;
    }

    /** Overwrites the field {@code name} in {@code bytes} (a copy of the built bytes) with {@code value}. */
    void patch(byte[] bytes, String name, long value) {
        Field field = fields.get(name);
        if (field == null) {
            throw new IllegalArgumentException("no field " + name + " in " + fields.keySet());
        }
        writeLittleEndian(bytes, field.offset(), field.width(), value);
    }

    static void writeLittleEndian(byte[] bytes, int offset, int width, long value) {
        for (int i = 0; i < width && offset + i < bytes.length; i++) {
            bytes[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    private ByteBuffer ensure(int count) {
        if (buffer.remaining() < count) {
            ByteBuffer larger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + count))
                    .order(ByteOrder.LITTLE_ENDIAN);
            larger.put(buffer.flip());
            buffer = larger;
        }
        return buffer;
    }
}
