package io.github.relayllm.kernels.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class HalfFloatVectorsTest {
    private static final int ALL = 1 << 16;
    private static final ValueLayout.OfShort SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @Test
    void widensEveryBinary16ExactlyAsTheJdk() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment halves = everyBitPattern(arena);
            MemorySegment floats = arena.allocate((long) ALL * Float.BYTES + 4);
            // An odd offset and an odd count exercise the unaligned loads and the scalar tail.
            HalfFloatVectors.widenHalves(halves, 2, floats, 4, ALL - 3);
            for (int i = 1; i < ALL - 2; i++) {
                float expected = Float.float16ToFloat((short) i);
                float actual = floats.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i);
                if (Float.isNaN(expected)) {
                    // Payloads are not kept alike by the JDK's own interpreter and intrinsic.
                    assertThat(actual).as("binary16 %04x", i).isNaN();
                } else {
                    assertThat(Float.floatToRawIntBits(actual))
                            .as("binary16 %04x", i)
                            .isEqualTo(Float.floatToRawIntBits(expected));
                }
            }
        }
    }

    @Test
    void widensEveryBfloat16Exactly() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment halves = everyBitPattern(arena);
            MemorySegment floats = arena.allocate((long) ALL * Float.BYTES);
            HalfFloatVectors.widenBfloat16s(halves, 0, floats, 0, ALL - 1);
            for (int i = 0; i < ALL - 1; i++) {
                assertThat(Float.floatToRawIntBits(floats.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i)))
                        .as("bfloat16 %04x", i)
                        .isEqualTo(i << 16);
            }
        }
    }

    private static MemorySegment everyBitPattern(Arena arena) {
        MemorySegment halves = arena.allocate((long) ALL * Short.BYTES);
        for (int i = 0; i < ALL; i++) {
            halves.set(SHORT, (long) i * Short.BYTES, (short) i);
        }
        return halves;
    }
}
