package io.github.relayllm.kernels.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PlainCodecsTest {

    @Test
    void decodesLittleEndianFloats() {
        byte[] bytes = littleEndian(12)
                .putFloat(1.5f)
                .putFloat(-0.0f)
                .putFloat(Float.NaN)
                .array();

        float[] decoded = Blocks.decode(DType.F32, bytes);

        assertThat(decoded).containsExactly(1.5f, -0.0f, Float.NaN);
    }

    @Test
    void encodesFloatsBitForBit() {
        float[] values = {1.5f, -0.0f, Float.MIN_VALUE, Float.intBitsToFloat(0x7fc0_1234)};

        byte[] bytes = Blocks.encode(DType.F32, values);

        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.length; i++) {
            assertThat(buffer.getInt(4 * i)).isEqualTo(Float.floatToRawIntBits(values[i]));
        }
    }

    @Test
    void encodesHalvesWithRoundingToNearestEven() {
        byte[] bytes = Blocks.encode(DType.F16, 1.0f, 65520f, 1.0009766f);

        assertThat(bytes).containsExactly(0x00, 0x3c, 0x00, 0x7c, 0x01, 0x3c);
        assertThat(Blocks.decode(DType.F16, bytes)).containsExactly(1.0f, Float.POSITIVE_INFINITY, 1.0009766f);
    }

    @Test
    void encodesBfloat16AsGgml() {
        byte[] bytes = Blocks.encode(DType.BF16, 1.0f, Float.intBitsToFloat(0x3f81_8000), Float.NaN);

        assertThat(bytes).containsExactly(0x80, 0x3f, 0x82, 0x3f, 0xc0, 0x7f);
        assertThat(Blocks.decode(DType.BF16, bytes))
                .containsExactly(1.0f, Float.intBitsToFloat(0x3f82_0000), Float.NaN);
    }

    @Test
    void decodesDoublesToTheNearestFloatAndEncodesFloatsExactly() {
        byte[] bytes =
                littleEndian(24).putDouble(0.1).putDouble(1e300).putDouble(-2.5).array();

        assertThat(Blocks.decode(DType.F64, bytes)).containsExactly(0.1f, Float.POSITIVE_INFINITY, -2.5f);
        assertThat(ByteBuffer.wrap(Blocks.encode(DType.F64, 0.1f))
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .getDouble())
                .isEqualTo((double) 0.1f);
    }

    @Test
    void decodesSignedLittleEndianIntegers() {
        assertThat(Blocks.decode(DType.I8, new byte[] {-128, 127, -1})).containsExactly(-128, 127, -1);
        assertThat(Blocks.decode(
                        DType.I16,
                        littleEndian(4)
                                .putShort((short) -300)
                                .putShort((short) 0x7fff)
                                .array()))
                .containsExactly(-300, 32767);
        assertThat(Blocks.decode(
                        DType.I32,
                        littleEndian(8).putInt(-70000).putInt(16_777_217).array()))
                .containsExactly(-70000, 16_777_216); // 2^24 + 1 rounds to even
        assertThat(Blocks.decode(
                        DType.I64,
                        littleEndian(16).putLong(Long.MIN_VALUE).putLong(-5).array()))
                .containsExactly(-0x1p63f, -5);
    }

    @ParameterizedTest
    @EnumSource(names = {"I8", "I16", "I32", "I64"})
    void integerTypesHaveNoEncoder(DType dtype) {
        assertThat(BlockCodecs.encoder(dtype)).isEmpty();
    }

    private static ByteBuffer littleEndian(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
