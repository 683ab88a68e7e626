package io.github.relayllm.core.format.hf;

import io.github.relayllm.kernels.tensor.DType;
import java.util.Arrays;
import java.util.Optional;

/**
 * The safetensors element types Relay reads and writes, by their names in a header ({@code "BF16"})
 * and the {@link DType} each maps to. Other safetensors types (BOOL, U8, U16, U32, U64, the F8/F6/F4
 * formats) are unsupported: Relay has no tensor type for them.
 */
enum SafetensorsDType {
    F64(DType.F64),
    F32(DType.F32),
    F16(DType.F16),
    BF16(DType.BF16),
    I64(DType.I64),
    I32(DType.I32),
    I16(DType.I16),
    I8(DType.I8);

    private final DType dtype;

    SafetensorsDType(DType dtype) {
        this.dtype = dtype;
    }

    DType dtype() {
        return dtype;
    }

    /** The type a header names {@code name} (case-sensitive, as in the format). */
    static Optional<SafetensorsDType> byName(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }

    /** The safetensors type of {@code dtype}, if the format has one. */
    static Optional<SafetensorsDType> of(DType dtype) {
        return Arrays.stream(values()).filter(t -> t.dtype == dtype).findFirst();
    }

    /** The names of all supported types, for messages. */
    static String supportedNames() {
        return Arrays.toString(values());
    }
}
