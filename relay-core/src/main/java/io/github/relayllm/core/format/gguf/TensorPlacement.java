package io.github.relayllm.core.format.gguf;

import io.github.relayllm.core.format.ModelFormatException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Checks where tensor data lies once the data section's start is known: every tensor's data starts
 * at a multiple of the alignment, ends inside the file, and overlaps no other tensor's. Gaps are
 * allowed (GGML leaves padding between tensors). O(n log n) in the number of tensors.
 */
final class TensorPlacement {
    private TensorPlacement() {}

    static void check(
            List<TensorInfoReader.Entry> entries, long dataOffset, long fileSize, long alignment, String source) {
        for (int i = 0; i < entries.size(); i++) {
            TensorInfoReader.Entry entry = entries.get(i);
            GgufTensorInfo info = entry.info();
            if (info.offset() % alignment != 0) {
                throw failure(
                        source,
                        i,
                        entry,
                        "offset %d is not a multiple of the alignment %d".formatted(info.offset(), alignment));
            }
            if (dataOffset > fileSize || info.endOffset() > fileSize - dataOffset) {
                throw failure(
                        source,
                        i,
                        entry,
                        "data of %d bytes at %d + %d ends past the end of the file (%d bytes)"
                                .formatted(info.byteSize(), dataOffset, info.offset(), fileSize));
            }
        }
        List<Integer> byOffset = IntStream.range(0, entries.size())
                .boxed()
                .sorted(Comparator.comparingLong(i -> entries.get(i).info().offset()))
                .toList();
        for (int k = 1; k < byOffset.size(); k++) {
            int previous = byOffset.get(k - 1);
            int current = byOffset.get(k);
            GgufTensorInfo before = entries.get(previous).info();
            GgufTensorInfo info = entries.get(current).info();
            if (info.offset() < before.endOffset()) {
                throw failure(
                        source,
                        current,
                        entries.get(current),
                        "data [%d, %d) overlaps the data [%d, %d) of tensor_infos[%d] \"%s\""
                                .formatted(
                                        info.offset(),
                                        info.endOffset(),
                                        before.offset(),
                                        before.endOffset(),
                                        previous,
                                        before.name()));
            }
        }
    }

    private static ModelFormatException failure(
            String source, int index, TensorInfoReader.Entry entry, String problem) {
        return new ModelFormatException(source, "tensor_infos[" + index + "].offset", entry.offsetFieldAt(), problem);
    }
}
