package io.github.relayllm.kernels.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The k-quant layouts as the codecs' Javadoc draws them: blocks built by hand from those tables
 * decode to the values the tables promise. (The oracle test checks the same decoders against
 * llama.cpp; this one keeps the documentation honest and runs without {@code ../shared}.)
 */
class KQuantLayoutTest {
    private static final int BLOCK = 256;
    private static final short ONE = 0x3c00;

    @ParameterizedTest
    @ValueSource(ints = {0, 31, 32, 100, 128, 200, 255})
    void q2kReadsElementEFromByte32TimesEOver128PlusEMod32(int e) {
        byte[] block = new byte[DType.Q2_K.blockBytes()];
        Arrays.fill(block, 0, 16, (byte) 0x21); // every sub-block: scale 1, minimum 2
        putHalf(block, 80, ONE); // d
        putHalf(block, 82, ONE); // dmin
        block[16 + 32 * (e / 128) + e % 32] |= (byte) (3 << (2 * ((e % 128) / 32)));

        float[] decoded = Blocks.decode(DType.Q2_K, block);

        assertThat(decoded[e]).isEqualTo(3 - 2);
        assertOthersAre(decoded, e, -2);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 31, 32, 100, 128, 200, 255})
    void q3kReadsTheHighBitOfElementEFromHmask(int e) {
        byte[] block = new byte[DType.Q3_K.blockBytes()];
        Arrays.fill(block, 0, 32, (byte) 0xff); // every high bit set: quant = low bits
        // Every sub-block's stored scale 34 = 0b10_0010 (scale 2): low nibbles 2, high bits 0b10.
        Arrays.fill(block, 96, 104, (byte) 0x22);
        Arrays.fill(block, 104, 108, (byte) 0xaa);
        putHalf(block, 108, ONE);
        block[32 + 32 * (e / 128) + e % 32] |= (byte) (1 << (2 * ((e % 128) / 32)));
        block[e % 32] &= (byte) ~(1 << (e / 32)); // a clear high bit subtracts 4: 1 - 4 = -3

        float[] decoded = Blocks.decode(DType.Q3_K, block);

        assertThat(decoded[e]).isEqualTo(2 * -3);
        assertOthersAre(decoded, e, 0);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 40, 150, 191, 255})
    void q3kReadsSixBitScalesFromNibblesAndSharedHighBits(int e) {
        int subBlock = e / 16;
        byte[] block = new byte[DType.Q3_K.blockBytes()];
        Arrays.fill(block, 0, 32, (byte) 0xff);
        Arrays.fill(block, 32, 96, (byte) 0x55); // every low pair 1: quant 1 everywhere
        Arrays.fill(block, 96, 104, (byte) 0x00);
        Arrays.fill(block, 104, 108, (byte) 0xaa); // stored scales 32: scale 0
        putHalf(block, 108, ONE);
        // Stored scale 32 + 21 = 53 = 0b11_0101 for one sub-block: nibble 5, high bits 0b11.
        int nibbleByte = 96 + subBlock % 8;
        block[nibbleByte] |= (byte) (subBlock < 8 ? 0x05 : 0x50);
        block[104 + subBlock % 4] |= (byte) (0b11 << (2 * (subBlock / 4)));

        float[] decoded = Blocks.decode(DType.Q3_K, block);

        for (int i = 0; i < BLOCK; i++) {
            assertThat(decoded[i]).as("element %d", i).isEqualTo(i / 16 == subBlock ? 21 : 0);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 31, 32, 64, 100, 160, 224, 255})
    void q4kReadsElementEFromTheNibbleOfItsSubBlock(int e) {
        byte[] block = kQuantWithScaleOneAndMinimumZero(DType.Q4_K);
        block[16 + 32 * (e / 64) + e % 32] |= (byte) (5 << (4 * ((e / 32) % 2)));

        float[] decoded = Blocks.decode(DType.Q4_K, block);

        assertThat(decoded[e]).isEqualTo(5);
        assertOthersAre(decoded, e, 0);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void q4kUnpacksSixBitScalesAndMinimums(int subBlock) {
        byte[] block = kQuantWithScaleOneAndMinimumZero(DType.Q4_K);
        Arrays.fill(block, 16, 144, (byte) 0x11); // quant 1 everywhere
        setScaleAndMin(block, subBlock, 45, 38); // scale 0b10_1101, minimum 0b10_0110

        float[] decoded = Blocks.decode(DType.Q4_K, block);

        for (int i = 0; i < BLOCK; i++) {
            assertThat(decoded[i]).as("element %d", i).isEqualTo(i / 32 == subBlock ? 45 - 38 : 1);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 31, 32, 64, 100, 160, 224, 255})
    void q5kAddsTheFifthBitOfElementEFromQh(int e) {
        byte[] block = kQuantWithScaleOneAndMinimumZero(DType.Q5_K);
        block[48 + 32 * (e / 64) + e % 32] |= (byte) (5 << (4 * ((e / 32) % 2)));
        block[16 + e % 32] |= (byte) (1 << (e / 32));

        float[] decoded = Blocks.decode(DType.Q5_K, block);

        assertThat(decoded[e]).isEqualTo(16 + 5);
        assertOthersAre(decoded, e, 0);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 31, 32, 64, 100, 127, 128, 160, 224, 255})
    void q6kReadsElementEFromQlAndQh(int e) {
        int c = e / 128;
        int k = (e % 128) / 32;
        int l = e % 32;
        byte[] block = new byte[DType.Q6_K.blockBytes()];
        // Stored quant 32 (zero) everywhere: low nibbles 0, high pairs 0b10.
        Arrays.fill(block, 128, 192, (byte) 0xaa);
        for (int s = 0; s < 16; s++) {
            block[192 + s] = (byte) (s == e / 16 ? -3 : 1);
        }
        putHalf(block, 208, ONE);
        // Stored quant 32 + 21 = 53 = 0b11_0101: low nibble 5, high pair 0b11.
        block[64 * c + 32 * (k % 2) + l] |= (byte) (5 << (4 * (k / 2)));
        block[128 + 32 * c + l] |= (byte) (0b11 << (2 * k));

        float[] decoded = Blocks.decode(DType.Q6_K, block);

        assertThat(decoded[e]).isEqualTo(-3 * 21);
        assertOthersAre(decoded, e, 0);
    }

    private static byte[] kQuantWithScaleOneAndMinimumZero(DType dtype) {
        byte[] block = new byte[dtype.blockBytes()];
        putHalf(block, 0, ONE); // d
        putHalf(block, 2, ONE); // dmin
        for (int j = 0; j < 8; j++) {
            setScaleAndMin(block, j, 1, 0);
        }
        return block;
    }

    /** Packs a 6-bit scale and minimum for sub-block {@code j} as {@link KQuantScales} reads them. */
    private static void setScaleAndMin(byte[] block, int j, int scale, int min) {
        int scales = 4;
        if (j < 4) {
            block[scales + j] = (byte) ((block[scales + j] & 0xc0) | scale);
            block[scales + j + 4] = (byte) ((block[scales + j + 4] & 0xc0) | min);
        } else {
            block[scales + j + 4] = (byte) ((scale & 0xf) | ((min & 0xf) << 4));
            block[scales + j - 4] = (byte) ((block[scales + j - 4] & 0x3f) | ((scale >> 4) << 6));
            block[scales + j] = (byte) ((block[scales + j] & 0x3f) | ((min >> 4) << 6));
        }
    }

    private static void assertOthersAre(float[] decoded, int except, float value) {
        for (int i = 0; i < decoded.length; i++) {
            if (i != except) {
                assertThat(decoded[i]).as("element %d", i).isEqualTo(value);
            }
        }
    }

    private static void putHalf(byte[] block, int offset, short bits) {
        block[offset] = (byte) bits;
        block[offset + 1] = (byte) (bits >> 8);
    }
}
