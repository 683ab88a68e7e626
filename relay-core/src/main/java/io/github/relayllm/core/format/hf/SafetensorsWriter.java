package io.github.relayllm.core.format.hf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.relayllm.core.format.TensorSource;
import io.github.relayllm.kernels.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a safetensors file from tensors held anywhere in memory, in the layout Hugging Face writes:
 * the header JSON padded with spaces to a multiple of 8 bytes (so the data section, and every F32
 * tensor in it, starts 8-byte aligned), {@code __metadata__} first when there is any, then the
 * tensors in the order they were added, back to back.
 *
 * <p>The writer keeps references to the tensors, not copies: their memory must stay valid until
 * {@link #write(Path)} returns. Writing streams each tensor's bytes to the file through one 8 MiB
 * buffer, so memory use does not grow with the file. Not thread-safe.
 *
 * <pre>{@code
 * new SafetensorsWriter()
 *         .metadata("format", "pt")
 *         .add("model.norm.weight", normWeights)
 *         .write(Path.of("model.safetensors"));
 * }</pre>
 */
public final class SafetensorsWriter {
    private static final int CHUNK_BYTES = 8 << 20;
    private static final JsonFactory JSON = new JsonFactory();

    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final Map<String, TensorSource> tensors = new LinkedHashMap<>();

    /** A writer with no tensors and no metadata yet. */
    public SafetensorsWriter() {}

    /** Adds (or replaces) the {@code __metadata__} entry {@code key}. */
    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Adds {@code tensor} under {@code name}, after those added before.
     *
     * @throws IllegalArgumentException if the name is taken or reserved, or safetensors has no type
     *     for the tensor's dtype (the GGML quantized types)
     */
    public SafetensorsWriter add(String name, Tensor tensor) {
        return add(name, TensorSource.of(tensor));
    }

    /**
     * Adds a tensor whose data may be produced only when the file is written (see {@link
     * TensorSource#generated}), after those added before.
     *
     * @throws IllegalArgumentException as {@link #add(String, Tensor)}
     */
    public SafetensorsWriter add(String name, TensorSource tensor) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tensor, "tensor");
        if (name.equals(SafetensorsHeader.METADATA_KEY)) {
            throw new IllegalArgumentException(name + " is reserved for the header's metadata");
        }
        if (tensors.containsKey(name)) {
            throw new IllegalArgumentException("a tensor named '%s' was already added".formatted(name));
        }
        if (SafetensorsDType.of(tensor.dtype()).isEmpty()) {
            throw new IllegalArgumentException("safetensors has no type for %s (tensor '%s'); it stores %s"
                    .formatted(tensor.dtype(), name, SafetensorsDType.supportedNames()));
        }
        tensors.put(name, tensor);
        return this;
    }

    /** Writes the file, replacing {@code path} if it exists. */
    public void write(Path path) throws IOException {
        byte[] header = header();
        try (FileChannel channel = FileChannel.open(
                path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer length = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            length.putLong(header.length).flip();
            writeFully(channel, length);
            writeFully(channel, ByteBuffer.wrap(header));
            // Staged through one direct buffer: a heap segment over a float[] has no ByteBuffer view.
            ByteBuffer staging = ByteBuffer.allocateDirect(CHUNK_BYTES);
            MemorySegment stagingSegment = MemorySegment.ofBuffer(staging);
            for (TensorSource tensor : tensors.values()) {
                try (Arena arena = Arena.ofShared()) {
                    MemorySegment data = tensor.materialize(arena);
                    for (long at = 0; at < data.byteSize(); at += CHUNK_BYTES) {
                        int chunk = (int) Math.min(CHUNK_BYTES, data.byteSize() - at);
                        MemorySegment.copy(data, at, stagingSegment, 0, chunk);
                        writeFully(channel, staging.clear().limit(chunk));
                    }
                }
            }
        }
    }

    /** The header JSON, padded with spaces to a multiple of 8 bytes. */
    private byte[] header() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            if (!metadata.isEmpty()) {
                json.writeObjectFieldStart(SafetensorsHeader.METADATA_KEY);
                for (var entry : metadata.entrySet()) {
                    json.writeStringField(entry.getKey(), entry.getValue());
                }
                json.writeEndObject();
            }
            long offset = 0;
            for (var entry : tensors.entrySet()) {
                TensorSource tensor = entry.getValue();
                json.writeObjectFieldStart(entry.getKey());
                json.writeStringField(
                        "dtype",
                        SafetensorsDType.of(tensor.dtype()).orElseThrow().name());
                long[] dims = tensor.shape().dims();
                json.writeFieldName("shape");
                json.writeArray(dims, 0, dims.length);
                json.writeArrayFieldStart("data_offsets");
                json.writeNumber(offset);
                json.writeNumber(offset + tensor.byteSize());
                json.writeEndArray();
                json.writeEndObject();
                offset += tensor.byteSize();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        byte[] unpadded = out.toByteArray();
        byte[] padded = Arrays.copyOf(unpadded, (unpadded.length + 7) & ~7);
        Arrays.fill(padded, unpadded.length, padded.length, (byte) ' ');
        return padded;
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
