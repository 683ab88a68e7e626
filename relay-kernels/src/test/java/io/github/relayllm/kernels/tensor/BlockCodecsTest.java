package io.github.relayllm.kernels.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BlockCodecsTest {

    @ParameterizedTest
    @EnumSource
    void everyTypeHasADecoderOfThatType(DType dtype) {
        assertThat(BlockCodecs.decoder(dtype).dtype()).isEqualTo(dtype);
        BlockCodecs.encoder(dtype)
                .ifPresent(encoder -> assertThat(encoder.dtype()).isEqualTo(dtype));
    }

    @Test
    void encodesTheTypesWhoseReferenceQuantizerIsNotASearch() {
        assertThat(BlockCodecs.encodableTypes())
                .containsExactly(
                        DType.F32,
                        DType.F16,
                        DType.Q4_0,
                        DType.Q4_1,
                        DType.Q5_0,
                        DType.Q5_1,
                        DType.Q8_0,
                        DType.Q8_K,
                        DType.F64,
                        DType.BF16);
        assertThat(BlockCodecs.encoder(DType.Q4_K)).isEmpty();
    }

    @Test
    void decodesFromAnOffsetIntoAnOffset() {
        byte[] twoBlocks = new byte[2 * 34];
        System.arraycopy(Blocks.encode(DType.Q8_0, ramp(32, 96)), 0, twoBlocks, 34, 34);
        float[] dst = new float[40]; // integers up to 127: d = 1, so decoding is exact

        BlockCodecs.decoder(DType.Q8_0).decode(MemorySegment.ofArray(twoBlocks), 34, dst, 8, 32);

        assertThat(Arrays.copyOfRange(dst, 8, 40)).containsExactly(ramp(32, 96));
        assertThat(Arrays.copyOf(dst, 8)).containsOnly(0);
    }

    @Test
    void rejectsCountsThatAreNotWholeBlocks() {
        MemorySegment segment = MemorySegment.ofArray(new byte[34]);

        assertThatThrownBy(() -> BlockCodecs.decoder(DType.Q8_0).decode(segment, 0, new float[32], 0, 31))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Q8_0")
                .hasMessageContaining("count 31 is not a whole number of blocks of 32");
        assertThatThrownBy(() -> BlockCodecs.encoder(DType.Q8_0).orElseThrow().encode(new float[33], 0, 33, segment, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("count 33");
        assertThatThrownBy(() -> BlockCodecs.decoder(DType.F32).decode(segment, 0, new float[1], 0, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("count -1");
    }

    @Test
    void rejectsSourceBytesOutsideTheSegment() {
        MemorySegment segment = MemorySegment.ofArray(new byte[68]);
        BlockDecoder decoder = BlockCodecs.decoder(DType.Q8_0);

        assertThatThrownBy(() -> decoder.decode(segment, 35, new float[64], 0, 64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Q8_0: source of 68 bytes at offset 35 lies outside the segment of 68 bytes");
        assertThatThrownBy(() -> decoder.decode(segment, -1, new float[32], 0, 32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset -1");
        assertThatThrownBy(() -> decoder.decode(segment, Long.MAX_VALUE, new float[32], 0, 32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the segment");
    }

    @Test
    void rejectsRangesOutsideTheArrays() {
        MemorySegment segment = MemorySegment.ofArray(new byte[64]);

        assertThatThrownBy(() -> BlockCodecs.decoder(DType.F16).decode(segment, 0, new float[32], 1, 32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("F16: destination of 32 elements at index 1 lies outside the array of 32");
        assertThatThrownBy(() -> BlockCodecs.encoder(DType.F16).orElseThrow().encode(new float[8], -2, 4, segment, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source of 4 elements at index -2");
        assertThatThrownBy(() -> BlockCodecs.encoder(DType.F16).orElseThrow().encode(new float[64], 0, 64, segment, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("destination of 128 bytes at offset 2");
    }

    @Test
    void rejectsReadOnlyDestinations() {
        MemorySegment readOnly = MemorySegment.ofArray(new byte[34]).asReadOnly();
        BlockEncoder encoder = BlockCodecs.encoder(DType.Q8_0).orElseThrow();

        assertThatThrownBy(() -> encoder.encode(new float[32], 0, 32, readOnly, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("read-only");
    }

    @ParameterizedTest
    @EnumSource(names = {"Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q8_0", "Q8_K"})
    void quantizersRejectNonFiniteValuesWithoutWritingAnything(DType dtype) {
        float[] values = new float[dtype.blockSize() * 2];
        values[dtype.blockSize() + 3] = Float.NaN;
        byte[] bytes = new byte[dtype.blockBytes() * 2];
        Arrays.fill(bytes, (byte) 7);
        BlockEncoder encoder = BlockCodecs.encoder(dtype).orElseThrow();

        assertThatThrownBy(() -> encoder.encode(values, 0, values.length, MemorySegment.ofArray(bytes), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN at index " + (dtype.blockSize() + 3));
        assertThat(bytes).containsOnly(7);

        values[dtype.blockSize() + 3] = Float.NEGATIVE_INFINITY;
        assertThatThrownBy(() -> encoder.encode(values, 0, values.length, MemorySegment.ofArray(bytes), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Infinity");
    }

    @Test
    void plainEncodersKeepNonFiniteValues() {
        float[] values = {Float.NaN, Float.POSITIVE_INFINITY};

        assertThat(Blocks.roundTrip(DType.F16, values)).containsExactly(values);
        assertThat(Blocks.roundTrip(DType.BF16, values)).containsExactly(values);
    }

    @Test
    void readsAndWritesNativeSegments() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(DType.Q4_0.blockBytes() * 3L);
            float[] values = new float[96];
            for (int i = 0; i < values.length; i++) {
                values[i] = i % 16 - 8; // every block has -8, so d = 1 and every value is a quant
            }
            BlockCodecs.encoder(DType.Q4_0).orElseThrow().encode(values, 0, 96, segment, 0);
            float[] decoded = new float[96];

            BlockCodecs.decoder(DType.Q4_0).decode(segment, 0, decoded, 0, 96);

            assertThat(decoded).containsExactly(values);
        }
    }

    /** {@code count} consecutive integers from {@code first}. */
    private static float[] ramp(int count, int first) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = first + i;
        }
        return values;
    }
}
