package io.github.relayllm.core.format.gguf;

import io.github.relayllm.core.format.TensorSource;
import io.github.relayllm.kernels.tensor.Tensor;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a GGUF version 3 file: metadata in insertion order, then tensors in insertion order, each
 * tensor's data aligned to {@code general.alignment} (32 unless set) and padded to it, the layout
 * llama.cpp and gguf-py write and read.
 *
 * <pre>{@code
 * try (GgufFile vocab = GgufFile.open(vocabPath)) {
 *     new GgufWriter()
 *             .putString("general.architecture", "qwen3")
 *             .putUInt32("qwen3.block_count", 3)
 *             .putAll(vocab.metadata().withPrefix("tokenizer."))
 *             .addTensor("token_embd.weight", embeddings)
 *             .write(Path.of("model.gguf"));
 * }
 * }</pre>
 *
 * <p>The writer holds references to the values and tensors it is given; tensor memory must stay
 * alive until {@link #write} returns. Writing streams through a 1 MiB buffer, and generated tensors
 * ({@link TensorSource#generated}) exist only while they are written, so a model of any size costs
 * at most its largest tensor in memory. Not thread-safe.
 */
public final class GgufWriter {
    private final LinkedHashMap<String, GgufValue> metadata = new LinkedHashMap<>();
    private final LinkedHashMap<String, TensorSource> tensors = new LinkedHashMap<>();

    /** An empty writer: no metadata, no tensors, alignment 32. */
    public GgufWriter() {}

    /**
     * Sets {@code key} to {@code value}. A key set again keeps its first position and takes the new
     * value. {@code general.alignment} must be a {@code UINT32} power of two; it sets the alignment.
     *
     * @throws IllegalArgumentException for a bad alignment or arrays nested deeper than readers accept
     */
    public GgufWriter put(String key, GgufValue value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.equals(GgufFormat.ALIGNMENT_KEY)) {
            checkAlignment(value);
        }
        if (value instanceof GgufArray array && array.depth() > GgufFormat.MAX_ARRAY_DEPTH) {
            throw new IllegalArgumentException("%s: arrays nested %d deep; readers accept at most %d"
                    .formatted(key, array.depth(), GgufFormat.MAX_ARRAY_DEPTH));
        }
        GgufValue.StringValue.requireWellFormed(key);
        metadata.put(key, value);
        return this;
    }

    /** Puts every entry of {@code values} in its iteration order, e.g. {@code metadata.withPrefix("tokenizer.")}. */
    public GgufWriter putAll(Map<String, ? extends GgufValue> values) {
        values.forEach(this::put);
        return this;
    }

    public GgufWriter putString(String key, String value) {
        return put(key, GgufValue.string(value));
    }

    public GgufWriter putBool(String key, boolean value) {
        return put(key, GgufValue.bool(value));
    }

    public GgufWriter putUInt32(String key, long value) {
        return put(key, GgufValue.uint32(value));
    }

    public GgufWriter putInt32(String key, int value) {
        return put(key, GgufValue.int32(value));
    }

    public GgufWriter putUInt64(String key, long value) {
        return put(key, GgufValue.uint64(value));
    }

    public GgufWriter putFloat32(String key, float value) {
        return put(key, GgufValue.float32(value));
    }

    public GgufWriter putStringArray(String key, List<String> values) {
        return put(key, GgufArray.strings(values));
    }

    public GgufWriter putFloat32Array(String key, float... values) {
        return put(key, GgufArray.float32(values));
    }

    public GgufWriter putInt32Array(String key, int... values) {
        return put(key, GgufArray.int32(values));
    }

    /** Sets {@code general.alignment}: the alignment of the data section and of each tensor's data. */
    public GgufWriter alignment(long alignment) {
        return putUInt32(GgufFormat.ALIGNMENT_KEY, alignment);
    }

    /** The alignment the file will have. */
    public long alignment() {
        return metadata.get(GgufFormat.ALIGNMENT_KEY) instanceof GgufValue.IntegerValue(var _, long alignment)
                ? alignment
                : GgufFormat.DEFAULT_ALIGNMENT;
    }

    /**
     * Adds a tensor, written after the tensors added before it.
     *
     * @throws IllegalArgumentException if the name is taken or longer than GGML's 63 bytes, or the
     *     tensor has more than 4 dimensions
     */
    public GgufWriter addTensor(String name, Tensor tensor) {
        return addTensor(name, TensorSource.of(tensor));
    }

    /**
     * Adds a tensor whose data may be produced only when the file is written (see {@link
     * TensorSource#generated}), after the tensors added before it.
     *
     * @throws IllegalArgumentException as {@link #addTensor(String, Tensor)}
     */
    public GgufWriter addTensor(String name, TensorSource tensor) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tensor, "tensor");
        GgufValue.StringValue.requireWellFormed(name);
        if (name.getBytes(StandardCharsets.UTF_8).length > GgufFormat.MAX_TENSOR_NAME_BYTES) {
            throw new IllegalArgumentException("tensor name \"%s\" is longer than GGML's %d bytes"
                    .formatted(name, GgufFormat.MAX_TENSOR_NAME_BYTES));
        }
        if (tensor.shape().rank() > GgufFormat.MAX_DIMS) {
            throw new IllegalArgumentException("tensor \"%s\" has %d dimensions; GGUF allows at most %d"
                    .formatted(name, tensor.shape().rank(), GgufFormat.MAX_DIMS));
        }
        if (tensors.putIfAbsent(name, tensor) != null) {
            throw new IllegalArgumentException("duplicate tensor name \"" + name + "\"");
        }
        return this;
    }

    /** Writes the file to {@code path}, replacing what is there. */
    public void write(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(
                path, StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
            write(channel);
        }
    }

    /** Writes the file to {@code channel} from its current position; leaves the channel open. */
    public void write(WritableByteChannel channel) throws IOException {
        long alignment = alignment();
        try (GgufEncoder out = new GgufEncoder(channel)) {
            out.bytes(MemorySegment.ofArray(GgufFormat.MAGIC));
            out.u32(GgufFormat.NEWEST_VERSION);
            out.u64(tensors.size());
            out.u64(metadata.size());
            for (Map.Entry<String, GgufValue> entry : metadata.entrySet()) {
                out.string(entry.getKey());
                out.u32(entry.getValue().type().id());
                out.value(entry.getValue());
            }
            long offset = 0;
            for (Map.Entry<String, TensorSource> entry : tensors.entrySet()) {
                TensorSource tensor = entry.getValue();
                out.string(entry.getKey());
                long[] ne = tensor.shape().toGgml();
                out.u32(ne.length);
                for (long dim : ne) {
                    out.u64(dim);
                }
                out.u32(tensor.dtype().ggmlType());
                out.u64(offset);
                offset = GgufFormat.alignUp(offset + tensor.byteSize(), alignment);
            }
            out.padTo(alignment);
            for (TensorSource tensor : tensors.values()) {
                try (Arena arena = Arena.ofShared()) {
                    out.bytes(tensor.materialize(arena));
                }
                out.padTo(alignment);
            }
        }
    }

    private static void checkAlignment(GgufValue value) {
        if (!(value instanceof GgufValue.IntegerValue(GgufType type, long alignment))
                || type != GgufType.UINT32
                || !GgufFormat.isPowerOfTwo(alignment)) {
            throw new IllegalArgumentException(
                    GgufFormat.ALIGNMENT_KEY + " must be a UINT32 power of two, not " + value);
        }
    }
}
