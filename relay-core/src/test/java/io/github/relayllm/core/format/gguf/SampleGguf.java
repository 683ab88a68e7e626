package io.github.relayllm.core.format.gguf;

import static io.github.relayllm.core.format.gguf.GgufType.ARRAY;
import static io.github.relayllm.core.format.gguf.GgufType.BOOL;
import static io.github.relayllm.core.format.gguf.GgufType.FLOAT32;
import static io.github.relayllm.core.format.gguf.GgufType.FLOAT64;
import static io.github.relayllm.core.format.gguf.GgufType.INT16;
import static io.github.relayllm.core.format.gguf.GgufType.INT32;
import static io.github.relayllm.core.format.gguf.GgufType.INT8;
import static io.github.relayllm.core.format.gguf.GgufType.STRING;
import static io.github.relayllm.core.format.gguf.GgufType.UINT32;
import static io.github.relayllm.core.format.gguf.GgufType.UINT64;

import io.github.relayllm.core.format.gguf.RawGguf.Kind;

/**
 * A small, valid, hand-written GGUF file with several value types (strings with non-ASCII text, an
 * array of arrays) and three tensors of different types, built byte by byte so that every field's
 * offset is known. Validation tests corrupt one field of it; the fuzzer mutates it.
 *
 * <p>Tensors: {@code t0} F32 [2, 3] at data offset 0, {@code t1} Q8_0 [2, 32] at 32 (68 bytes),
 * {@code t2} F16 [4] at 128. The data section starts at a multiple of 32.
 */
final class SampleGguf {
    static final int KEYS = 11;
    static final int TENSORS = 3;

    private SampleGguf() {}

    static RawGguf build() {
        RawGguf raw = new RawGguf().header(3, TENSORS, KEYS);
        int k = 0;
        scalar(raw, k++, "general.architecture", STRING).string("llama");
        scalar(raw, k++, "general.alignment", UINT32).u32(32);
        scalar(raw, k++, "llama.block_count", UINT32).u32(5);
        scalar(raw, k++, "test.int8", INT8).u8(-3);
        scalar(raw, k++, "test.int16", INT16).u16(-300);
        scalar(raw, k++, "test.uint64", UINT64).u64(-1);
        scalar(raw, k++, "test.float64", FLOAT64).f64(Math.PI);
        scalar(raw, k++, "test.bool", BOOL).u8(1);

        String tokens = GgufMetadata.field("tokenizer.ggml.tokens");
        raw.key(k++, "tokenizer.ggml.tokens", ARRAY).arrayHeader(tokens, STRING, 3);
        raw.mark(tokens + "[0]", Kind.LENGTH, 8).string("a");
        raw.mark(tokens + "[1]", Kind.LENGTH, 8).string("ç");
        raw.mark(tokens + "[2]", Kind.LENGTH, 8).string("日本");

        String scores = GgufMetadata.field("tokenizer.ggml.scores");
        raw.key(k++, "tokenizer.ggml.scores", ARRAY).arrayHeader(scores, FLOAT32, 3);
        raw.f32(0f).f32(-1.5f).f32(2.25f);

        String nested = GgufMetadata.field("test.nested");
        raw.key(k++, "test.nested", ARRAY).arrayHeader(nested, ARRAY, 2);
        raw.arrayHeader(nested + "[0]", INT32, 2).u32(1).u32(-2);
        raw.arrayHeader(nested + "[1]", STRING, 1);
        raw.mark(nested + "[1][0]", Kind.LENGTH, 8).string("x");
        if (k != KEYS) {
            throw new IllegalStateException("KEYS is " + KEYS + " but " + k + " keys were written");
        }

        raw.tensorInfo(0, "t0", new long[] {3, 2}, 0, 0);
        raw.tensorInfo(1, "t1", new long[] {32, 2}, 8, 32);
        raw.tensorInfo(2, "t2", new long[] {4}, 1, 128);
        raw.padTo(32);
        raw.mark("data", Kind.VALUE, 0);
        for (int i = 0; i < 6; i++) {
            raw.f32(i);
        }
        raw.zeros(8);
        for (int i = 0; i < 68; i++) {
            raw.u8(i);
        }
        raw.zeros(128 - 100);
        raw.u16(0x3C00).u16(0x4000).u16(0x4200).u16(0x4400); // 1, 2, 3, 4 as fp16
        return raw.padTo(32);
    }

    /** Key {@code index} of a scalar type, with its value marked; the caller writes the value. */
    private static RawGguf scalar(RawGguf raw, int index, String key, GgufType type) {
        raw.key(index, key, type);
        Kind kind = type == STRING ? Kind.LENGTH : Kind.VALUE;
        return raw.mark(GgufMetadata.field(key), kind, type.minWireBytes());
    }
}
