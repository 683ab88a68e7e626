package io.github.relayllm.kernels.tensor;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The element types a tensor can hold: plain numbers and the quantized block layouts of GGML.
 *
 * <p>A quantized type packs {@link #blockSize()} consecutive elements of a row into {@link
 * #blockBytes()} bytes; a plain type is a block of one element. Rows (the innermost dimension) must
 * hold a whole number of blocks, as in GGML. The ids are GGML's {@code ggml_type} values, which GGUF
 * files store per tensor, so they must never change.
 */
public enum DType {
    F32(0, 1, 4),
    F16(1, 1, 2),
    Q4_0(2, 32, 18),
    Q4_1(3, 32, 20),
    Q5_0(6, 32, 22),
    Q5_1(7, 32, 24),
    Q8_0(8, 32, 34),
    Q2_K(10, 256, 84),
    Q3_K(11, 256, 110),
    Q4_K(12, 256, 144),
    Q5_K(13, 256, 176),
    Q6_K(14, 256, 210),
    Q8_K(15, 256, 292),
    I8(24, 1, 1),
    I16(25, 1, 2),
    I32(26, 1, 4),
    I64(27, 1, 8),
    F64(28, 1, 8),
    BF16(30, 1, 2);

    private static final DType[] BY_GGML_TYPE = indexByGgmlType();

    private final int ggmlType;
    private final int blockSize;
    private final int blockBytes;

    DType(int ggmlType, int blockSize, int blockBytes) {
        this.ggmlType = ggmlType;
        this.blockSize = blockSize;
        this.blockBytes = blockBytes;
    }

    /** GGML's numeric id of this type, as stored in GGUF tensor infos. */
    public int ggmlType() {
        return ggmlType;
    }

    /** Elements per block: 1 for plain types, 32 for the legacy quants, 256 for the k-quants. */
    public int blockSize() {
        return blockSize;
    }

    /** Bytes one block occupies. */
    public int blockBytes() {
        return blockBytes;
    }

    /** Whether elements are packed in multi-element blocks with shared scales. */
    public boolean isQuantized() {
        return blockSize > 1;
    }

    /** Whether values of this type are integers rather than real numbers. */
    public boolean isInteger() {
        return this == I8 || this == I16 || this == I32 || this == I64;
    }

    /**
     * Bytes that {@code elements} consecutive elements occupy.
     *
     * @throws IllegalArgumentException if {@code elements} is negative or not a whole number of blocks
     * @throws ArithmeticException if the size overflows a {@code long}
     */
    public long byteSize(long elements) {
        if (elements < 0 || elements % blockSize != 0) {
            throw new IllegalArgumentException(
                    "%d elements are not a whole number of %s blocks of %d".formatted(elements, this, blockSize));
        }
        return Math.multiplyExact(elements / blockSize, (long) blockBytes);
    }

    /** The type GGML calls {@code ggmlType}, if Relay supports it. */
    public static Optional<DType> fromGgmlType(int ggmlType) {
        return ggmlType >= 0 && ggmlType < BY_GGML_TYPE.length
                ? Optional.ofNullable(BY_GGML_TYPE[ggmlType])
                : Optional.empty();
    }

    /** The type named {@code name}, ignoring case ({@code "q8_0"}, {@code "BF16"}). */
    public static Optional<DType> fromName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.name().equals(upper)).findFirst();
    }

    private static DType[] indexByGgmlType() {
        int max = Arrays.stream(values()).mapToInt(DType::ggmlType).max().orElseThrow();
        DType[] index = new DType[max + 1];
        for (DType type : values()) {
            index[type.ggmlType] = type;
        }
        return index;
    }
}
