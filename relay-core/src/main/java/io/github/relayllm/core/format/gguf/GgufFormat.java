package io.github.relayllm.core.format.gguf;

/** The constants of the GGUF layout and the limits Relay puts on what it reads and writes. */
final class GgufFormat {
    /** "GGUF" as four bytes. */
    static final byte[] MAGIC = {'G', 'G', 'U', 'F'};

    static final int OLDEST_SUPPORTED_VERSION = 2;
    static final int NEWEST_VERSION = 3;

    static final String ALIGNMENT_KEY = "general.alignment";
    static final int DEFAULT_ALIGNMENT = 32;

    /** GGML tensors have at most four dimensions. */
    static final int MAX_DIMS = 4;

    /** GGML keeps tensor names in a 64-byte buffer with a terminating zero. */
    static final int MAX_TENSOR_NAME_BYTES = 63;

    /** Arrays nested deeper than this are rejected, which bounds the reader's recursion. */
    static final int MAX_ARRAY_DEPTH = 16;

    /** Longest string Relay reads (real metadata strings, chat templates included, are kilobytes). */
    static final int MAX_STRING_BYTES = 64 << 20;

    /**
     * Most array elements, summed over all metadata arrays, that Relay reads: a hundred times a large
     * vocabulary's tokens, scores, types and merges, and little enough that decoding them can not
     * exhaust the heap.
     */
    static final long MAX_METADATA_ELEMENTS = 1L << 24;

    /** Smallest possible key-value pair: an empty key, a type, a one-byte value. */
    static final int MIN_KV_BYTES = 8 + 4 + 1;

    /** Smallest possible tensor info: an empty name, n_dims, one dimension, a type, an offset. */
    static final int MIN_TENSOR_INFO_BYTES = 8 + 4 + 8 + 4 + 8;

    private GgufFormat() {}

    static boolean isPowerOfTwo(long value) {
        return value > 0 && (value & (value - 1)) == 0;
    }

    /** {@code position} rounded up to a multiple of {@code alignment} (a power of two). */
    static long alignUp(long position, long alignment) {
        return (position + alignment - 1) & -alignment;
    }
}
