package io.github.relayllm.kernels.cpu.matmul;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * A float array and the index in it from which vector loads do not straddle cache lines. The tiles of
 * {@link ColumnPanel} read 64-byte vectors from arrays, and the JVM aligns an array's elements to 8 or
 * 16 bytes only: where a 512-bit load starts off a 64-byte boundary it touches two cache lines, and a
 * prefill tile runs 15-30% slower than from aligned rows (measured: the same tile from 64-byte aligned
 * memory against each of the four 16-byte offsets).
 *
 * <p>Java offers no address of an array element, so {@link #align} asks the C library: {@code
 * memmove(p, p, 0)} returns {@code p}, and a critical downcall may pass a heap array as {@code p}. The
 * answer holds until the garbage collector moves the array, which it does rarely for a long-lived
 * scratch array; callers align again before each use (about 30 ns), and a stale alignment costs only
 * speed, never a wrong result. Where native access is not allowed, the start index stays 0.
 *
 * <p>Not thread-safe: one per thread, like the {@link MatMulScratch} that holds it.
 */
final class AlignedFloats {
    /** Bytes to align to: a cache line, the size of a 512-bit vector. */
    static final int ALIGNMENT = 64;

    private static final int SLACK = ALIGNMENT / Float.BYTES;
    /** {@code memmove}, or null where native access is not allowed. */
    private static final MethodHandle MEMMOVE = memmove().orElse(null);

    private float[] array = new float[0];
    // A view of the array made once, so that aligning allocates nothing.
    private MemorySegment elements = MemorySegment.ofArray(array);
    private int start;

    /** The array; its first usable element is at {@link #start()}. */
    float[] array() {
        return array;
    }

    /** The index of the first element, the aligned one where the address could be learnt. */
    int start() {
        return start;
    }

    /**
     * Makes room for {@code length} floats from the aligned start, growing the array if needed (its
     * contents are then lost), and re-learns the start.
     */
    AlignedFloats align(int length) {
        if (array.length < length + SLACK) {
            array = new float[length + SLACK];
            elements = MemorySegment.ofArray(array);
        }
        start = MEMMOVE == null ? 0 : alignedStart();
        return this;
    }

    private int alignedStart() {
        long address;
        try {
            address = (long) MEMMOVE.invokeExact(elements, elements, 0L);
        } catch (Throwable unexpected) {
            return 0;
        }
        int misalignment = (int) (address % ALIGNMENT);
        return misalignment == 0 ? 0 : (ALIGNMENT - misalignment) / Float.BYTES;
    }

    private static Optional<MethodHandle> memmove() {
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup()
                    .find("memmove")
                    .map(symbol -> linker.downcallHandle(
                            symbol,
                            FunctionDescriptor.of(
                                    ValueLayout.JAVA_LONG,
                                    ValueLayout.ADDRESS,
                                    ValueLayout.ADDRESS,
                                    ValueLayout.JAVA_LONG),
                            Linker.Option.critical(true)));
        } catch (IllegalCallerException | UnsupportedOperationException notAllowed) {
            return Optional.empty();
        }
    }
}
