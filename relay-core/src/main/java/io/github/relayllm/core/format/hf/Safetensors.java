package io.github.relayllm.core.format.hf;

import io.github.relayllm.core.format.ModelFormatException;
import io.github.relayllm.kernels.tensor.Tensor;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A safetensors file (Hugging Face's tensor format): an 8-byte little-endian header length N, N
 * bytes of JSON describing each tensor, then the tensors' bytes.
 *
 * <p>{@link #open(Path)} maps the file into memory; tensors are slices of that mapping, so nothing is
 * copied and files larger than 2 GiB are fine. Opening costs one pass over the header (validated in
 * full: see {@link ModelFormatException} for how problems are reported); reading a tensor costs
 * nothing until its bytes are touched. Every tensor returned is valid until {@link #close()}, after
 * which touching its data throws {@link IllegalStateException}.
 *
 * <p>Immutable and safe to share between threads; {@code close()} must wait until no thread uses its
 * tensors.
 *
 * <pre>{@code
 * try (Safetensors file = Safetensors.open(Path.of("model.safetensors"))) {
 *     Tensor embeddings = file.tensor("model.embed_tokens.weight");
 * }
 * }</pre>
 */
public final class Safetensors implements AutoCloseable {
    private final String source;
    private final SafetensorsHeader header;
    private final Map<String, SafetensorsTensorInfo> byName;
    private final MemorySegment data;
    private final Arena ownedArena;

    private Safetensors(MemorySegment file, String source, Arena ownedArena) {
        this.source = source;
        this.header = SafetensorsHeader.read(file, source);
        this.data = file.asSlice(header.dataOffset());
        this.ownedArena = ownedArena;
        Map<String, SafetensorsTensorInfo> index = new HashMap<>();
        header.tensors().forEach(info -> index.put(info.name(), info));
        this.byName = index;
    }

    /**
     * Maps and validates the safetensors file {@code path}.
     *
     * @throws ModelFormatException if the file is not a valid safetensors file Relay can read
     * @throws IOException if the file can not be opened or mapped
     */
    public static Safetensors open(Path path) throws IOException {
        Arena arena = Arena.ofShared();
        try {
            return new Safetensors(map(path, arena), path.toString(), arena);
        } catch (IOException | RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    /** Maps and validates {@code path} into {@code arena}, which the caller owns and closes. */
    static Safetensors open(Path path, Arena arena) throws IOException {
        return new Safetensors(map(path, arena), path.toString(), null);
    }

    /**
     * Validates the safetensors file held in {@code file}, naming it {@code sourceName} in errors. The
     * tensors are slices of {@code file}, which must outlive them; {@link #close()} does nothing.
     *
     * @throws ModelFormatException if the bytes are not a valid safetensors file Relay can read
     */
    public static Safetensors parse(MemorySegment file, String sourceName) {
        return new Safetensors(Objects.requireNonNull(file, "file"), Objects.requireNonNull(sourceName), null);
    }

    private static MemorySegment map(Path path, Arena arena) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
        }
    }

    /** The file path (or in-memory source name) this was read from. */
    public String source() {
        return source;
    }

    /** The header's free-form {@code __metadata__} in file order (empty when absent); immutable. */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    /** Every tensor, in the order their data lies in the file; immutable. */
    public List<SafetensorsTensorInfo> tensors() {
        return header.tensors();
    }

    /** The tensor named {@code name}, if the file holds one. */
    public Optional<SafetensorsTensorInfo> tensorInfo(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The tensor named {@code name}, as a view of the file's bytes (no copy).
     *
     * @throws ModelFormatException if the file holds no tensor of that name
     */
    public Tensor tensor(String name) {
        SafetensorsTensorInfo info = byName.get(name);
        if (info == null) {
            throw new ModelFormatException(
                    source, name, ModelFormatException.UNKNOWN_OFFSET, "the file holds no tensor of this name");
        }
        return new Tensor(info.dtype(), info.shape(), data.asSlice(info.begin(), info.byteSize()));
    }

    /**
     * Byte offset in the file where the data section starts ({@code 8 + N}); a tensor's {@link
     * SafetensorsTensorInfo#begin()} counts from here. A multiple of 8 in files written by Hugging
     * Face or {@link SafetensorsWriter}, so tensors are aligned when the mapping is.
     */
    public long dataOffset() {
        return header.dataOffset();
    }

    /** Unmaps the file if {@link #open(Path)} mapped it; tensors from it become unusable. Idempotent. */
    @Override
    public void close() {
        if (ownedArena != null && ownedArena.scope().isAlive()) {
            ownedArena.close();
        }
    }

    @Override
    public String toString() {
        return "Safetensors[%s, %d tensors]".formatted(source, header.tensors().size());
    }
}
