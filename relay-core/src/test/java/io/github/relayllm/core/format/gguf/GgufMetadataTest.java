package io.github.relayllm.core.format.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.relayllm.core.format.ModelFormatException;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The typed accessors of {@link GgufMetadata}, on the hand-built sample file. */
class GgufMetadataTest {
    private final RawGguf sample = SampleGguf.build();
    private final GgufMetadata metadata = GgufFile.parse(MemorySegment.ofArray(sample.toBytes()), "sample.gguf")
            .metadata();

    @Test
    void keepsKeysInFileOrder() {
        assertThat(metadata.keys())
                .startsWith("general.architecture", "general.alignment", "llama.block_count")
                .endsWith("tokenizer.ggml.tokens", "tokenizer.ggml.scores", "test.nested");
        assertThat(metadata.withPrefix("tokenizer.").keySet())
                .containsExactly("tokenizer.ggml.tokens", "tokenizer.ggml.scores");
    }

    @Test
    void readsStrings() {
        assertThat(metadata.requireString("general.architecture")).isEqualTo("llama");
        assertThat(metadata.string("general.name")).isEmpty();
    }

    @Test
    void readsIntegersOfEveryWidthAsLongs() {
        assertThat(metadata.requireLong("llama.block_count")).isEqualTo(5);
        assertThat(metadata.requireLong("test.int8")).isEqualTo(-3);
        assertThat(metadata.requireInt("test.int16")).isEqualTo(-300);
        assertThat(metadata.optionalLong("absent")).isEmpty();
    }

    @Test
    void rejectsUnsignedValuesBeyondTheSignedRange() {
        assertRejected(() -> metadata.requireLong("test.uint64"), "test.uint64", "18446744073709551615 does not fit");
    }

    @Test
    void rejectsIntegersBeyondIntRange() {
        GgufMetadata big = parse(new RawGguf().header(3, 0, 1), "n", GgufType.INT64, raw -> raw.u64(1L << 40));

        assertThat(big.requireLong("n")).isEqualTo(1L << 40);
        assertRejected(big, () -> big.requireInt("n"), "n", "does not fit a signed 32-bit integer");
    }

    @Test
    void readsDoublesFromFloatsAndIntegers() {
        assertThat(metadata.requireDouble("test.float64")).isEqualTo(Math.PI);
        assertThat(metadata.requireDouble("llama.block_count")).isEqualTo(5.0);
        assertRejected(
                () -> metadata.requireDouble("general.architecture"), "general.architecture", "expected a number");
    }

    @Test
    void readsBooleans() {
        assertThat(metadata.optionalBool("test.bool")).contains(true);
        assertRejected(() -> metadata.optionalBool("test.int8"), "test.int8", "expected a boolean, found INT8");
    }

    @Test
    void readsArrays() {
        assertThat(metadata.stringArray("tokenizer.ggml.tokens")).contains(List.of("a", "ç", "日本"));
        assertThat(metadata.floatArray("tokenizer.ggml.scores").orElseThrow()).containsExactly(0f, -1.5f, 2.25f);
        GgufArray.OfArrays nested =
                (GgufArray.OfArrays) metadata.get("test.nested").orElseThrow();
        assertThat(nested.get(0)).isEqualTo(GgufArray.int32(1, -2));
        assertThat(nested.get(1)).isEqualTo(GgufArray.strings(List.of("x")));
    }

    @Test
    void namesTheKeyAndOffsetOfAMistypedValue() {
        assertRejected(
                () -> metadata.requireString("llama.block_count"),
                "llama.block_count",
                "expected a string, found UINT32");
        assertRejected(
                () -> metadata.intArray("tokenizer.ggml.tokens"),
                "tokenizer.ggml.tokens",
                "expected an array of integers, found an array of STRING");
    }

    @Test
    void namesTheMissingKey() {
        ModelFormatException error =
                catchThrowableOfType(ModelFormatException.class, () -> metadata.requireLong("llama.context_length"));

        assertThat(error.field()).isEqualTo("metadata[\"llama.context_length\"]");
        assertThat(error.offset()).isEqualTo(ModelFormatException.UNKNOWN_OFFSET);
        assertThat(error.getMessage()).startsWith("sample.gguf: ").contains("required key is missing");
    }

    @Test
    void namesTheElementOfAnIntArrayThatDoesNotFitAnInt() {
        RawGguf raw = new RawGguf().header(3, 0, 1);
        GgufMetadata ids = parse(
                raw,
                "ids",
                GgufType.ARRAY,
                r -> r.u32(GgufType.UINT32.id()).u64(3).u32(1).u32(0xFFFF_FFFFL).u32(3));
        long arrayAt = ids.offsetOf("ids");

        assertThat(ids.longArray("ids").orElseThrow()).containsExactly(1, 0xFFFF_FFFFL, 3);
        ModelFormatException error = catchThrowableOfType(ModelFormatException.class, () -> ids.intArray("ids"));
        assertThat(error.field()).isEqualTo("metadata[\"ids\"][1]");
        assertThat(error.offset()).isEqualTo(arrayAt + 12 + 4);
    }

    private void assertRejected(ThrowingCallable call, String key, String problem) {
        assertRejected(metadata, call, key, problem);
    }

    private static void assertRejected(GgufMetadata metadata, ThrowingCallable call, String key, String problem) {
        ModelFormatException error = catchThrowableOfType(ModelFormatException.class, call);

        assertThat(error).as("a ModelFormatException for %s", key).isNotNull();
        assertThat(error.field()).isEqualTo(GgufMetadata.field(key));
        assertThat(error.offset()).isEqualTo(metadata.offsetOf(key)).isPositive();
        assertThat(error.getMessage()).contains(problem);
    }

    /** Metadata of a file whose only key is {@code key} of {@code type}, its value written by {@code value}. */
    private static GgufMetadata parse(RawGguf raw, String key, GgufType type, Consumer<RawGguf> value) {
        value.accept(raw.key(0, key, type));
        return GgufFile.parse(MemorySegment.ofArray(raw.toBytes()), "one-key.gguf")
                .metadata();
    }
}
