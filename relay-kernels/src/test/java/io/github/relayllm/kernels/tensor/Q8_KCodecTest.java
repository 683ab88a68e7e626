package io.github.relayllm.kernels.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class Q8_KCodecTest {
    private static final int BLOCK = 256;
    private static final int BLOCK_BYTES = 292;
    private static final int QS = 4;
    private static final int BSUMS = 260;

    @Test
    void roundsTiesToEvenAndStoresAFloatScale() {
        // max -127 makes iscale = 1: quant = nearest_int(value), and d = 1.
        float[] block = new float[BLOCK];
        float[] ties = {-127, 2.5f, 3.5f, -2.5f, 0.5f, -1.5f};
        System.arraycopy(ties, 0, block, 0, ties.length);

        ByteBuffer bytes = littleEndian(Blocks.encode(DType.Q8_K, block));

        assertThat(bytes.getFloat(0)).isEqualTo(1.0f);
        assertThat(new byte[] {
                    bytes.get(QS),
                    bytes.get(QS + 1),
                    bytes.get(QS + 2),
                    bytes.get(QS + 3),
                    bytes.get(QS + 4),
                    bytes.get(QS + 5)
                })
                .containsExactly(-127, 2, 4, -2, 0, -2);
    }

    @Test
    void storesTheSumOfEachSixteenQuants() {
        float[] block = new float[BLOCK];
        block[0] = 127; // iscale = -1: quant = -value
        for (int j = 16; j < 32; j++) {
            block[j] = -100; // group 1 sums to 1600, more than an int8 holds
        }
        block[255] = 3;

        ByteBuffer bytes = littleEndian(Blocks.encode(DType.Q8_K, block));

        assertThat(bytes.getFloat(0)).isEqualTo(-1.0f);
        assertThat(bytes.getShort(BSUMS)).isEqualTo((short) -127);
        assertThat(bytes.getShort(BSUMS + 2)).isEqualTo((short) 1600);
        assertThat(bytes.getShort(BSUMS + 2 * 15)).isEqualTo((short) -3);
        assertThat(Blocks.decode(DType.Q8_K, bytes.array()))
                .usingElementComparator(Blocks.BY_VALUE)
                .containsExactly(block);
    }

    @Test
    void encodesAllZeroBlocksAsZeros() {
        byte[] garbage = new byte[BLOCK_BYTES];
        Arrays.fill(garbage, (byte) 0x5a);
        BlockCodecs.encoder(DType.Q8_K)
                .orElseThrow()
                .encode(new float[BLOCK], 0, BLOCK, MemorySegment.ofArray(garbage), 0);

        assertThat(garbage).containsOnly(0);
    }

    @Property
    void errorIsAtMostHalfAStep(@ForAll("blocks") float[] values) {
        byte[] bytes = Blocks.encode(DType.Q8_K, values);
        ByteBuffer buffer = littleEndian(bytes);
        float[] decoded = Blocks.decode(DType.Q8_K, bytes);

        for (int b = 0; b < values.length / BLOCK; b++) {
            float max = SignedMaximum.of(values, b * BLOCK, BLOCK);
            float d = buffer.getFloat(b * BLOCK_BYTES);
            for (int j = b * BLOCK; j < (b + 1) * BLOCK; j++) {
                if (Float.isFinite(-127f / max)) {
                    float bound = 0.5f * Math.abs(d) * (1 + 1e-4f) + 128 * Float.MIN_VALUE;
                    assertThat(Math.abs(values[j] - decoded[j]))
                            .as("element %d", j)
                            .isLessThanOrEqualTo(bound);
                } else {
                    // A block so small (or zero) that -127 / max overflows gets d = 0, as in GGML.
                    assertThat(decoded[j]).as("element %d", j).isZero();
                }
            }
            for (int group = 0; group < BLOCK / 16; group++) {
                int sum = 0;
                for (int i = 0; i < 16; i++) {
                    sum += bytes[b * BLOCK_BYTES + QS + group * 16 + i];
                }
                assertThat(buffer.getShort(b * BLOCK_BYTES + BSUMS + 2 * group)).isEqualTo((short) sum);
            }
        }
    }

    @Property
    void reencodingADecodedBlockGivesItsQuantsBack(@ForAll("blocks") float[] values) {
        byte[] once = Blocks.encode(DType.Q8_K, values);
        byte[] twice = Blocks.encode(DType.Q8_K, Blocks.decode(DType.Q8_K, once));

        ByteBuffer first = littleEndian(once);
        ByteBuffer second = littleEndian(twice);
        for (int b = 0; b < values.length / BLOCK; b++) {
            int at = b * BLOCK_BYTES;
            float d = first.getFloat(at);
            if (d == 0) {
                assertThat(second.getFloat(at)).isZero();
                continue;
            }
            // The decoded block's extreme is its first quant of magnitude 127; when that one is +127
            // rather than -127, the re-encoded block has the opposite sign throughout.
            int sign = -firstExtremeQuant(once, at) / 127;
            assertThat(Math.abs(second.getFloat(at) - sign * d)).isLessThanOrEqualTo(Math.ulp(d));
            for (int j = 0; j < BLOCK; j++) {
                assertThat(twice[at + QS + j]).as("quant %d", j).isEqualTo((byte) (sign * once[at + QS + j]));
            }
            for (int group = 0; group < BLOCK / 16; group++) {
                assertThat(second.getShort(at + BSUMS + 2 * group))
                        .isEqualTo((short) (sign * first.getShort(at + BSUMS + 2 * group)));
            }
        }
    }

    @Provide
    Arbitrary<float[]> blocks() {
        return FloatBlocks.of(BLOCK);
    }

    private static int firstExtremeQuant(byte[] bytes, int blockOffset) {
        for (int j = 0; j < BLOCK; j++) {
            if (Math.abs(bytes[blockOffset + QS + j]) == 127) {
                return bytes[blockOffset + QS + j];
            }
        }
        throw new AssertionError("a block with a non-zero scale has a quant of magnitude 127");
    }

    private static ByteBuffer littleEndian(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
