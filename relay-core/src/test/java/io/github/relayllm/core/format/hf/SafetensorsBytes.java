package io.github.relayllm.core.format.hf;

import io.github.relayllm.core.format.ModelFormatException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Hand-built safetensors bytes for tests: a header exactly as given, then data bytes. */
final class SafetensorsBytes {
    static final String SOURCE = "test.safetensors";

    private SafetensorsBytes() {}

    /** A file whose header is {@code json} (unpadded) followed by {@code dataBytes} bytes 0, 1, 2, ... */
    static byte[] file(String json, int dataBytes) {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        return file(header.length, header, dataBytes);
    }

    /** A file whose length field says {@code headerLength}, followed by {@code header} and data. */
    static byte[] file(long headerLength, byte[] header, int dataBytes) {
        ByteBuffer file = ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(headerLength).put(header);
        for (int i = 0; i < dataBytes; i++) {
            file.put((byte) i);
        }
        return file.array();
    }

    /** The file offset of the first occurrence of {@code text} in {@code json} used as a header. */
    static long offsetOf(String json, String text) {
        int index = json.indexOf(text);
        if (index < 0) {
            throw new IllegalArgumentException(text + " is not in " + json);
        }
        return 8 + json.substring(0, index).getBytes(StandardCharsets.UTF_8).length;
    }

    static Safetensors parse(byte[] file) {
        return Safetensors.parse(MemorySegment.ofArray(file), SOURCE);
    }

    /** Parses {@code file} expecting it to be rejected. */
    static ModelFormatException rejection(byte[] file) {
        try {
            parse(file);
        } catch (ModelFormatException e) {
            return e;
        }
        throw new AssertionError("the file was accepted");
    }
}
