package io.github.relayllm.core.format.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.relayllm.kernels.tensor.Shape;
import io.github.relayllm.kernels.tensor.Tensor;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files past 2 GiB, built sparse so that the test writes a few kilobytes, not gigabytes. */
class GgufLargeFileTest {
    private static final long FAR_OFFSET = (1L << 31) + 4096;
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @Test
    void readsTensorDataLyingBeyondTwoGibibytes(@TempDir Path temp) throws IOException {
        Path path = temp.resolve("sparse.gguf");
        try {
            RawGguf header = new RawGguf().header(3, 2, 1);
            header.key(0, "general.architecture", GgufType.STRING).string("llama");
            header.tensorInfo(0, "near", new long[] {4}, 0, 0);
            header.tensorInfo(1, "far", new long[] {8}, 0, FAR_OFFSET);
            header.padTo(32);
            long dataOffset = header.position();
            try (FileChannel channel =
                    FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(header.toBytes()));
                channel.write(floats(1, 2, 3, 4));
                channel.write(floats(0, 1, 2, 3, 4, 5, 6, 7.5f), dataOffset + FAR_OFFSET);
            }

            try (GgufFile file = GgufFile.open(path)) {
                Tensor far = file.tensor("far");

                assertThat(Files.size(path)).isGreaterThan(1L << 31);
                assertThat(far.shape()).isEqualTo(Shape.of(8));
                assertThat(far.data().getAtIndex(F32, 7)).isEqualTo(7.5f);
                assertThat(far.data().address() - file.tensor("near").data().address())
                        .isEqualTo(FAR_OFFSET);
            }
        } finally {
            Files.deleteIfExists(path);
        }
    }

    private static ByteBuffer floats(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            buffer.putFloat(value);
        }
        return buffer.flip();
    }
}
