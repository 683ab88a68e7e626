package io.github.relayllm.core.format.gguf;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Parses a whole GGUF file held in a segment, front to back: header, metadata, tensor infos, then
 * the placement of the tensor data. Reads only the headers, never the tensor data, so its cost is
 * proportional to the metadata (dominated by vocabulary strings).
 */
final class GgufParser {
    private static final int HEADER_BYTES = 4 + 4 + 8 + 8;

    private GgufParser() {}

    /** Parses {@code bytes}; {@code owner} (nullable) is the arena the resulting file closes. */
    static GgufFile parse(MemorySegment bytes, String source, Arena owner) {
        GgufCursor cursor = new GgufCursor(bytes, source);
        checkMagic(cursor);
        int version = readVersion(cursor);
        long tensorCount = cursor.u64(() -> "header.tensor_count");
        long kvCount = cursor.u64(() -> "header.kv_count");
        checkCount(cursor, tensorCount, "header.tensor_count", 8, GgufFormat.MIN_TENSOR_INFO_BYTES, "tensor infos");
        checkCount(cursor, kvCount, "header.kv_count", 16, GgufFormat.MIN_KV_BYTES, "key-value pairs");

        GgufMetadata metadata = new MetadataReader(cursor).read(kvCount);
        long alignment = alignment(metadata, cursor);
        List<TensorInfoReader.Entry> entries = new TensorInfoReader(cursor).read(tensorCount);
        long dataOffset = GgufFormat.alignUp(cursor.position(), alignment);
        TensorPlacement.check(entries, dataOffset, bytes.byteSize(), alignment, source);

        List<GgufTensorInfo> tensors =
                entries.stream().map(TensorInfoReader.Entry::info).toList();
        return new GgufFile(source, version, alignment, metadata, tensors, dataOffset, bytes, owner);
    }

    private static void checkMagic(GgufCursor cursor) {
        long start = cursor.take(GgufFormat.MAGIC.length, () -> "header.magic");
        byte[] magic = new byte[GgufFormat.MAGIC.length];
        MemorySegment.copy(cursor.bytes(), ValueLayout.JAVA_BYTE, start, magic, 0, magic.length);
        if (!Arrays.equals(magic, GgufFormat.MAGIC)) {
            throw cursor.failure(
                    () -> "header.magic",
                    start,
                    "expected \"GGUF\" (47 47 55 46), found %s: not a GGUF file"
                            .formatted(HexFormat.ofDelimiter(" ").formatHex(magic)));
        }
    }

    private static int readVersion(GgufCursor cursor) {
        long at = cursor.position();
        long version = cursor.u32(() -> "header.version");
        String problem;
        if (version != 0 && (version & 0xFFFF) == 0) {
            problem = ("version 0x%08x reads like a byte-swapped small number: a big-endian GGUF file, "
                            + "which Relay does not read (convert it to little-endian)")
                    .formatted(version);
        } else if (version == 1) {
            problem = "GGUF version 1 is not supported (Relay reads versions 2 and 3; re-convert the model)";
        } else if (version < GgufFormat.OLDEST_SUPPORTED_VERSION || version > GgufFormat.NEWEST_VERSION) {
            problem = "unsupported GGUF version %d (Relay reads versions 2 and 3)".formatted(version);
        } else {
            return (int) version;
        }
        throw cursor.failure(() -> "header.version", at, problem);
    }

    /** Rejects a count whose items could not fit in the bytes after the header, before anything is allocated. */
    private static void checkCount(
            GgufCursor cursor, long count, String field, long fieldAt, int minItemBytes, String items) {
        long available = Math.max(0, cursor.size() - HEADER_BYTES);
        if (count < 0 || count > available / minItemBytes) {
            throw cursor.failure(
                    () -> field,
                    fieldAt,
                    "%s %s of at least %d bytes each can not fit in the %d bytes after the header"
                            .formatted(Long.toUnsignedString(count), items, minItemBytes, available));
        }
    }

    private static long alignment(GgufMetadata metadata, GgufCursor cursor) {
        Optional<GgufValue> value = metadata.get(GgufFormat.ALIGNMENT_KEY);
        if (value.isEmpty()) {
            return GgufFormat.DEFAULT_ALIGNMENT;
        }
        long at = metadata.offsetOf(GgufFormat.ALIGNMENT_KEY);
        String field = GgufMetadata.field(GgufFormat.ALIGNMENT_KEY);
        if (!(value.get() instanceof GgufValue.IntegerValue(GgufType type, long alignment))
                || type != GgufType.UINT32) {
            throw cursor.failure(() -> field, at, "must be a UINT32, found " + value.get());
        }
        if (!GgufFormat.isPowerOfTwo(alignment)) {
            throw cursor.failure(() -> field, at, "alignment %d is not a power of two".formatted(alignment));
        }
        return alignment;
    }
}
