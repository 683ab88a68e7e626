package io.github.relayllm.core.model.synth;

import io.github.relayllm.core.format.TensorSource;
import io.github.relayllm.core.format.gguf.GgufFile;
import io.github.relayllm.core.format.gguf.GgufTensorInfo;
import io.github.relayllm.core.format.gguf.GgufWriter;
import io.github.relayllm.kernels.tensor.BlockCodecs;
import io.github.relayllm.kernels.tensor.BlockDecoder;
import io.github.relayllm.kernels.tensor.BlockEncoder;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.LongStream;

/**
 * Re-encodes the weights of a GGUF file in another dtype, as llama.cpp's {@code llama-quantize}
 * does: every matrix (rank 2 or more) becomes {@code dtype}, vectors (norms, biases, RoPE divisors)
 * keep their type, and the metadata is copied with {@code general.file_type} updated. Each row is
 * decoded to floats with the reference decoder and encoded with the reference encoder, so quantizing
 * an F32 file reproduces llama.cpp's bytes exactly.
 *
 * <p>Cost: one pass over the weights, in parallel over rows; memory: the largest output tensor.
 */
public final class GgufQuantizer {
    private GgufQuantizer() {}

    /**
     * Writes {@code output}: the model of {@code input} with its matrices in {@code dtype}.
     *
     * @throws IllegalArgumentException if Relay has no encoder for {@code dtype} or a matrix's rows
     *     are not whole blocks of it
     */
    public static void quantize(Path input, Path output, DType dtype) throws IOException {
        BlockEncoder encoder = BlockCodecs.encoder(dtype)
                .orElseThrow(() -> new IllegalArgumentException(
                        "Relay can not write %s weights; it writes %s".formatted(dtype, BlockCodecs.encodableTypes())));
        try (GgufFile gguf = GgufFile.open(input)) {
            GgufWriter writer = new GgufWriter().putAll(gguf.metadata().asMap());
            writer.putUInt32("general.file_type", GgufModelWriter.fileType(dtype));
            if (dtype.isQuantized()) {
                writer.putUInt32("general.quantization_version", 2);
            }
            for (GgufTensorInfo info : gguf.tensors()) {
                Tensor tensor = gguf.tensor(info);
                boolean matrix = info.shape().rank() >= 2 && info.dtype() != dtype;
                writer.addTensor(
                        info.name(), matrix ? reencoded(tensor, info.name(), dtype, encoder) : TensorSource.of(tensor));
            }
            writer.write(output);
        }
    }

    private static TensorSource reencoded(Tensor tensor, String name, DType dtype, BlockEncoder encoder) {
        int rowLength = Math.toIntExact(tensor.shape().rowLength());
        if (rowLength % dtype.blockSize() != 0) {
            throw new IllegalArgumentException("tensor %s has rows of %d values, not whole %s blocks of %d"
                    .formatted(name, rowLength, dtype, dtype.blockSize()));
        }
        BlockDecoder decoder = BlockCodecs.decoder(tensor.dtype());
        long inRowBytes = tensor.rowBytes();
        long outRowBytes = dtype.byteSize(rowLength);
        return TensorSource.generated(
                dtype,
                tensor.shape(),
                data -> LongStream.range(0, tensor.shape().rowCount())
                        .parallel()
                        .forEach(r -> {
                            float[] row = new float[rowLength];
                            decoder.decode(tensor.data(), r * inRowBytes, row, 0, rowLength);
                            encoder.encode(row, 0, rowLength, data, r * outRowBytes);
                        }));
    }
}
