package io.github.relayllm.core.format.gguf;

import io.github.relayllm.core.format.ModelFormatException;
import io.github.relayllm.kernels.tensor.Tensor;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A parsed GGUF file (versions 2 and 3): its metadata, its tensor infos, and its tensors as slices
 * of the file's bytes.
 *
 * <pre>{@code
 * try (GgufFile gguf = GgufFile.open(Path.of("qwen3-0.6b-q8_0.gguf"))) {
 *     String architecture = gguf.metadata().requireString("general.architecture");
 *     Tensor embeddings = gguf.tensor("token_embd.weight"); // no copy: a view of the mapped file
 * }
 * }</pre>
 *
 * <p>{@link #open} maps the whole file read-only into memory owned by a shared arena, so tensors cost
 * no copy and no heap, files larger than 2 GiB work, and tensors may be read from any thread. Parsing
 * reads the headers only (for a 151,936-token vocabulary, some tens of milliseconds); the operating
 * system pages tensor data in when it is first touched. Every structural problem is found while
 * parsing and reported as a {@link ModelFormatException} naming the field and byte offset: once a
 * {@code GgufFile} exists, every tensor lies inside the file, aligned, without overlap.
 *
 * <p>Immutable and thread-safe. {@link #close()} unmaps the file: tensors obtained from it must not be used afterwards (reading
 * them throws {@link IllegalStateException}). A file from {@link #parse} does not own its bytes and
 * closing it does nothing.
 */
public final class GgufFile implements AutoCloseable {
    private final String source;
    private final int version;
    private final long alignment;
    private final GgufMetadata metadata;
    private final List<GgufTensorInfo> tensors;
    private final Map<String, GgufTensorInfo> tensorsByName;
    private final long dataOffset;
    private final MemorySegment bytes;
    private final Arena owner;

    GgufFile(
            String source,
            int version,
            long alignment,
            GgufMetadata metadata,
            List<GgufTensorInfo> tensors,
            long dataOffset,
            MemorySegment bytes,
            Arena owner) {
        this.source = source;
        this.version = version;
        this.alignment = alignment;
        this.metadata = metadata;
        this.tensors = List.copyOf(tensors);
        this.tensorsByName =
                this.tensors.stream().collect(Collectors.toUnmodifiableMap(GgufTensorInfo::name, info -> info));
        this.dataOffset = dataOffset;
        this.bytes = bytes;
        this.owner = owner;
    }

    /**
     * Maps and parses the file at {@code path}.
     *
     * @throws IOException if the file can not be opened or mapped
     * @throws ModelFormatException if it is not a valid GGUF file Relay can read
     */
    public static GgufFile open(Path path) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            return GgufParser.parse(bytes, path.toString(), arena);
        } catch (IOException | RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    /**
     * Parses a GGUF file already in memory. The result views {@code bytes} without copying and does
     * not own it: {@code bytes} must stay alive while the file's tensors are used.
     *
     * @param sourceName what error messages call the input
     * @throws ModelFormatException if it is not a valid GGUF file Relay can read
     */
    public static GgufFile parse(MemorySegment bytes, String sourceName) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(sourceName, "sourceName");
        return GgufParser.parse(bytes, sourceName, null);
    }

    /** The path (or source name) error messages use. */
    public String source() {
        return source;
    }

    /** The GGUF version: 2 or 3. */
    public int version() {
        return version;
    }

    /** The alignment of the data section and of every tensor's data: a power of two, 32 unless the file says otherwise. */
    public long alignment() {
        return alignment;
    }

    public GgufMetadata metadata() {
        return metadata;
    }

    /** The tensor infos in file order (unmodifiable). Vocabulary-only files have none. */
    public List<GgufTensorInfo> tensors() {
        return tensors;
    }

    public Optional<GgufTensorInfo> tensorInfo(String name) {
        return Optional.ofNullable(tensorsByName.get(name));
    }

    /**
     * The tensor called {@code name}, as a view of the file's bytes (no copy).
     *
     * @throws ModelFormatException if the file has no such tensor
     */
    public Tensor tensor(String name) {
        GgufTensorInfo info = tensorInfo(name)
                .orElseThrow(() -> new ModelFormatException(
                        source,
                        "tensor \"" + name + "\"",
                        ModelFormatException.UNKNOWN_OFFSET,
                        "the file has no tensor of that name"));
        return tensor(info);
    }

    /** The tensor {@code info} describes; {@code info} must be one of {@link #tensors()}. */
    public Tensor tensor(GgufTensorInfo info) {
        if (!info.equals(tensorsByName.get(info.name()))) {
            throw new IllegalArgumentException("not a tensor of " + source + ": " + info);
        }
        return new Tensor(info.dtype(), info.shape(), bytes.asSlice(dataOffset + info.offset(), info.byteSize()));
    }

    /** Byte offset in the file where the data section, to which tensor offsets are relative, begins. */
    public long dataOffset() {
        return dataOffset;
    }

    /** Unmaps the file if {@link #open} mapped it; tensors from this file are unusable afterwards. Idempotent. */
    @Override
    public void close() {
        if (owner != null && owner.scope().isAlive()) {
            owner.close();
        }
    }

    @Override
    public String toString() {
        return "GgufFile[%s, v%d, %d keys, %d tensors]".formatted(source, version, metadata.size(), tensors.size());
    }
}
