package io.github.relayllm.kernels.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Tensor}'s bridges to the codecs: encode, toFloatArray and decodeRow. */
class TensorCodecTest {

    @Test
    void encodesAndDecodesEveryRow() {
        float[] values = new float[3 * 64];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 32) - 16; // each block holds -16: Q5_0 with d = 1 keeps every value
        }
        try (Arena arena = Arena.ofConfined()) {
            Tensor tensor = Tensor.encode(values, Shape.of(3, 64), DType.Q5_0, arena);

            assertThat(tensor.dtype()).isEqualTo(DType.Q5_0);
            assertThat(tensor.byteSize()).isEqualTo(3 * 2 * 22);
            assertThat(tensor.toFloatArray()).containsExactly(values);
            float[] row = new float[70];
            tensor.decodeRow(2, row);
            for (int i = 0; i < 64; i++) {
                assertThat(row[i]).isEqualTo(values[2 * 64 + i]);
            }
        }
    }

    @Test
    void encodingIntoATypeWithoutEncoderNamesTheTypesThatHaveOne() {
        try (Arena arena = Arena.ofConfined()) {
            assertThatThrownBy(() -> Tensor.encode(new float[256], Shape.of(256), DType.Q4_K, arena))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("cannot encode into Q4_K")
                    .hasMessageContaining("Q8_0");
        }
    }

    @Test
    void encodingChecksValuesAgainstTheShape() {
        try (Arena arena = Arena.ofConfined()) {
            assertThatThrownBy(() -> Tensor.encode(new float[10], Shape.of(2, 4), DType.F32, arena))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("shape [2, 4] has 8 elements, got 10 values");
            assertThatThrownBy(() -> Tensor.encode(new float[48], Shape.of(3, 16), DType.Q8_0, arena))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("row length 16 of shape [3, 16] is not a whole number of Q8_0 blocks");
        }
    }

    @Test
    void decodeRowRejectsMissingRowsAndShortArrays() {
        try (Arena arena = Arena.ofConfined()) {
            Tensor tensor = Tensor.encode(new float[8], Shape.of(2, 4), DType.F16, arena);

            assertThatThrownBy(() -> tensor.decodeRow(2, new float[4]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("row 2 is outside the 2 rows of shape [2, 4]");
            assertThatThrownBy(() -> tensor.decodeRow(-1, new float[4])).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> tensor.decodeRow(0, new float[3]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a row of shape [2, 4] has 4 elements, the destination holds 3");
        }
    }

    @Test
    void decodesRowsBeyondTwoGibibytesOfAMappedFile(@TempDir Path dir) throws IOException {
        // 2^26 rows of one Q8_0 block: 2.1 GiB, a sparse file, and more elements than an array holds.
        long rows = 1L << 26;
        Shape shape = Shape.of(rows, 32);
        long bytes = DType.Q8_0.byteSize(shape.elementCount());
        Path file = dir.resolve("large.bin");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(bytes);
        }
        float[] lastRow = new float[32];
        lastRow[0] = 127;
        lastRow[31] = -5;
        try (Arena arena = Arena.ofConfined();
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MemorySegment mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes, arena);
            Tensor tensor = new Tensor(DType.Q8_0, shape, mapped);
            long lastRowOffset = (rows - 1) * tensor.rowBytes();
            assertThat(lastRowOffset).isGreaterThan(Integer.MAX_VALUE);
            BlockCodecs.encoder(DType.Q8_0).orElseThrow().encode(lastRow, 0, 32, mapped, lastRowOffset);

            float[] decoded = new float[32];
            tensor.decodeRow(rows - 1, decoded);

            assertThat(decoded).containsExactly(lastRow);
            assertThatThrownBy(tensor::toFloatArray)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("2147483648 elements, more than a float[] holds");
        }
    }
}
