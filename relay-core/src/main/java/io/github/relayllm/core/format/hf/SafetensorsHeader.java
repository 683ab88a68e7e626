package io.github.relayllm.core.format.hf;

import io.github.relayllm.core.format.ModelFormatException;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated header of a safetensors file: its free-form metadata, its tensors sorted by where
 * their data lies, and the offset where the data section starts.
 *
 * <p>Validation follows Hugging Face's reader ({@code safetensors/src/tensor.rs}): the header is at
 * most {@value #MAX_HEADER_BYTES} bytes of UTF-8 JSON starting with <code>{</code>; every tensor has a
 * dtype, a shape and {@code data_offsets} whose span is exactly the tensor's size; and the tensors
 * tile the data section back to back, from its first byte to the end of the file. Relay is stricter
 * in two ways: dimensions must be positive and the dtype must be one it has a tensor type for.
 */
record SafetensorsHeader(Map<String, String> metadata, List<SafetensorsTensorInfo> tensors, long dataOffset) {
    /** Hugging Face's limit; a larger header is refused rather than read into memory. */
    static final long MAX_HEADER_BYTES = 100_000_000;

    static final String METADATA_KEY = "__metadata__";

    private static final int LENGTH_BYTES = Long.BYTES;
    private static final ValueLayout.OfLong LENGTH_LAYOUT =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    SafetensorsHeader {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        tensors = List.copyOf(tensors);
    }

    /**
     * Reads and validates the header of the safetensors file held in {@code file}.
     *
     * @throws ModelFormatException naming {@code source}, the field and the byte offset of the first
     *     problem found
     */
    static SafetensorsHeader read(MemorySegment file, String source) {
        long headerLength = headerLength(file, source);
        byte[] json = new byte[(int) headerLength];
        MemorySegment.copy(file, ValueLayout.JAVA_BYTE, LENGTH_BYTES, json, 0, json.length);
        if (json.length == 0 || json[0] != '{') {
            throw new ModelFormatException(source, "header", LENGTH_BYTES, "must be a JSON object starting with '{'");
        }
        JsonValue root = JsonDocument.parse(json, source, "header", LENGTH_BYTES);
        long dataOffset = LENGTH_BYTES + headerLength;
        long dataLength = file.byteSize() - dataOffset;

        Map<String, String> metadata =
                root.member(METADATA_KEY).map(SafetensorsHeader::metadataOf).orElse(Map.of());
        List<Entry> entries = new ArrayList<>();
        for (var member : root.members().entrySet()) {
            if (!member.getKey().equals(METADATA_KEY)) {
                entries.add(entryOf(member.getKey(), member.getValue(), dataLength));
            }
        }
        entries.sort(Comparator.comparingLong(entry -> entry.info().begin()));
        requireBackToBack(entries, source, dataOffset, dataLength);
        return new SafetensorsHeader(metadata, entries.stream().map(Entry::info).toList(), dataOffset);
    }

    /** A tensor's info and the JSON value of its offsets, which errors about its placement point at. */
    private record Entry(SafetensorsTensorInfo info, JsonValue offsets) {}

    private static long headerLength(MemorySegment file, String source) {
        if (file.byteSize() < LENGTH_BYTES) {
            throw new ModelFormatException(
                    source,
                    "header.length",
                    0,
                    "the file has %d bytes, too few for the 8-byte header length%s"
                            .formatted(file.byteSize(), foreignFileHint(file)));
        }
        long length = file.get(LENGTH_LAYOUT, 0);
        if (Long.compareUnsigned(length, MAX_HEADER_BYTES) > 0) {
            throw new ModelFormatException(
                    source,
                    "header.length",
                    0,
                    "%s bytes exceed the %d-byte header limit%s"
                            .formatted(Long.toUnsignedString(length), MAX_HEADER_BYTES, foreignFileHint(file)));
        }
        if (length > file.byteSize() - LENGTH_BYTES) {
            throw new ModelFormatException(
                    source,
                    "header.length",
                    0,
                    "a header of %d bytes runs past the end of the %d-byte file".formatted(length, file.byteSize()));
        }
        return length;
    }

    /** Names what a file that is not safetensors probably is, for the two mix-ups users actually make. */
    private static String foreignFileHint(MemorySegment file) {
        byte[] start = file.asSlice(0, Math.min(file.byteSize(), 16)).toArray(ValueLayout.JAVA_BYTE);
        String text = new String(start, StandardCharsets.ISO_8859_1);
        if (text.startsWith("version https://")) {
            return " (this looks like a Git LFS pointer: fetch the real file with `git lfs pull`)";
        }
        if (text.startsWith("GGUF")) {
            return " (this is a GGUF file, not safetensors)";
        }
        return "";
    }

    private static Map<String, String> metadataOf(JsonValue value) {
        Map<String, String> metadata = new LinkedHashMap<>();
        value.requireObject().members().forEach((key, entry) -> metadata.put(key, entry.asString()));
        return metadata;
    }

    private static Entry entryOf(String name, JsonValue entry, long dataLength) {
        entry.requireObject();
        JsonValue dtypeValue = entry.required("dtype");
        String dtypeName = dtypeValue.asString();
        DType dtype = SafetensorsDType.byName(dtypeName)
                .orElseThrow(() -> dtypeValue.error("unsupported dtype '%s'; Relay reads %s"
                        .formatted(dtypeName, SafetensorsDType.supportedNames())))
                .dtype();
        JsonValue shapeValue = entry.required("shape");
        Shape shape = shapeOf(shapeValue);

        JsonValue offsets = entry.required("data_offsets");
        List<JsonValue> bounds = offsets.elements();
        if (bounds.size() != 2) {
            throw offsets.error("expected [begin, end], found %d numbers".formatted(bounds.size()));
        }
        long begin = bounds.get(0).asNonNegativeLong();
        long end = bounds.get(1).asNonNegativeLong();
        if (end < begin) {
            throw offsets.error("end %d is before begin %d".formatted(end, begin));
        }
        long size;
        try {
            size = dtype.byteSize(shape.elementCount());
        } catch (ArithmeticException e) {
            throw shapeValue.error("the byte size of %s elements of %s overflows a 64-bit integer"
                    .formatted(shape.elementCount(), dtype));
        }
        if (end - begin != size) {
            throw offsets.error("[%d, %d] spans %d bytes, but a %s tensor of shape %s takes %d"
                    .formatted(begin, end, end - begin, dtype, shape, size));
        }
        if (end > dataLength) {
            throw offsets.error(
                    "ends at data byte %d, past the %d bytes of data in the file".formatted(end, dataLength));
        }
        return new Entry(new SafetensorsTensorInfo(name, dtype, shape, begin, end), offsets);
    }

    private static Shape shapeOf(JsonValue value) {
        List<JsonValue> dims = value.elements();
        if (dims.isEmpty()) {
            return Shape.of(1); // a scalar
        }
        long[] sizes = new long[dims.size()];
        long elements = 1;
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = dims.get(i).asNonNegativeLong();
            if (sizes[i] == 0) {
                throw dims.get(i).error("zero-sized dimension: Relay tensors need positive dimensions");
            }
            try {
                elements = Math.multiplyExact(elements, sizes[i]);
            } catch (ArithmeticException e) {
                throw value.error("the element count overflows a 64-bit integer");
            }
        }
        return Shape.of(sizes);
    }

    /** Checks that {@code entries}, sorted by begin, cover the data section exactly. */
    private static void requireBackToBack(List<Entry> entries, String source, long dataOffset, long dataLength) {
        Entry previous = null;
        long next = 0;
        for (Entry entry : entries) {
            SafetensorsTensorInfo info = entry.info();
            if (info.begin() < next) {
                throw entry.offsets()
                        .error("overlaps tensor '%s' at data bytes [%d, %d)"
                                .formatted(
                                        previous.info().name(), previous.info().begin(), next));
            }
            if (info.begin() > next) {
                throw entry.offsets()
                        .error("leaves data bytes [%d, %d) unused; safetensors tensors must lie back to back"
                                .formatted(next, info.begin()));
            }
            previous = entry;
            next = info.end();
        }
        if (next != dataLength) {
            throw new ModelFormatException(
                    source,
                    "data",
                    dataOffset + next,
                    "data bytes [%d, %d) follow the last tensor and belong to none".formatted(next, dataLength));
        }
    }
}
