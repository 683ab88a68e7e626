package io.github.relayllm.kernels.cpu.matmul;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import org.junit.jupiter.api.Test;

class AlignedFloatsTest {
    // memchr returns the address of the first byte it finds: how a C callee sees the array.
    private static final MethodHandle ADDRESS_OF = Linker.nativeLinker()
            .downcallHandle(
                    Linker.nativeLinker().defaultLookup().find("memchr").orElseThrow(),
                    FunctionDescriptor.of(
                            ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG),
                    Linker.Option.critical(true));

    @Test
    void theStartElementSitsOnACacheLineAndLeavesRoomForTheRequestedLength() throws Throwable {
        AlignedFloats floats = new AlignedFloats();
        for (int length : new int[] {1, 15, 16, 1000, 3 * 1024, 8 * 3072}) {
            floats.align(length);
            assertThat(floats.start()).isBetween(0, 15);
            assertThat(floats.array().length - floats.start()).isGreaterThanOrEqualTo(length);
            assertThat(addressOfStart(floats) % AlignedFloats.ALIGNMENT)
                    .as("address of element %d of %d floats", floats.start(), floats.array().length)
                    .isZero();
        }
    }

    @Test
    void anArrayLargeEnoughIsKeptAndOnlyRealigned() {
        AlignedFloats floats = new AlignedFloats().align(4096);
        float[] array = floats.array();
        array[floats.start()] = 42f;
        floats.align(100);
        assertThat(floats.array()).isSameAs(array);
    }

    private static long addressOfStart(AlignedFloats floats) throws Throwable {
        float[] array = floats.array();
        array[floats.start()] = 1f; // memchr finds the first byte of 1f (0x3f800000 little-endian: 0x80)
        for (int i = 0; i < floats.start(); i++) {
            array[i] = 0f;
        }
        MemorySegment elements = MemorySegment.ofArray(array);
        long found = (long) ADDRESS_OF.invokeExact(elements, 0x80, (long) array.length * Float.BYTES);
        return found - 2; // 0x80 is byte 2 of the start element, the first non-zero byte
    }
}
