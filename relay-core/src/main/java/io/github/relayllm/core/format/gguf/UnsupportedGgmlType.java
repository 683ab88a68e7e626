package io.github.relayllm.core.format.gguf;

import java.util.Arrays;
import java.util.Optional;

/**
 * GGML tensor types that GGUF files may hold but Relay can not compute with (no {@link
 * io.github.relayllm.kernels.tensor.DType}), so that a file using one is rejected by name ("IQ2_XXS")
 * rather than as an unknown number. Ids as in ggml.h, including ids GGML itself has retired.
 */
enum UnsupportedGgmlType {
    Q4_2(4),
    Q4_3(5),
    Q8_1(9),
    IQ2_XXS(16),
    IQ2_XS(17),
    IQ3_XXS(18),
    IQ1_S(19),
    IQ4_NL(20),
    IQ3_S(21),
    IQ2_S(22),
    IQ4_XS(23),
    IQ1_M(29),
    Q4_0_4_4(31),
    Q4_0_4_8(32),
    Q4_0_8_8(33),
    TQ1_0(34),
    TQ2_0(35),
    IQ4_NL_4_4(36),
    IQ4_NL_4_8(37),
    IQ4_NL_8_8(38),
    MXFP4(39);

    private final int ggmlType;

    UnsupportedGgmlType(int ggmlType) {
        this.ggmlType = ggmlType;
    }

    int ggmlType() {
        return ggmlType;
    }

    static Optional<UnsupportedGgmlType> fromGgmlType(long ggmlType) {
        return Arrays.stream(values()).filter(t -> t.ggmlType == ggmlType).findFirst();
    }
}
