package io.github.relayllm.core.format.gguf;

import static io.github.relayllm.core.format.gguf.GgufType.FLOAT32;
import static io.github.relayllm.core.format.gguf.GgufType.FLOAT64;
import static io.github.relayllm.core.format.gguf.GgufType.INT16;
import static io.github.relayllm.core.format.gguf.GgufType.INT32;
import static io.github.relayllm.core.format.gguf.GgufType.INT64;
import static io.github.relayllm.core.format.gguf.GgufType.INT8;
import static io.github.relayllm.core.format.gguf.GgufType.UINT16;
import static io.github.relayllm.core.format.gguf.GgufType.UINT32;
import static io.github.relayllm.core.format.gguf.GgufType.UINT64;
import static io.github.relayllm.core.format.gguf.GgufType.UINT8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.relayllm.core.format.gguf.GgufArray.OfArrays;
import io.github.relayllm.core.format.gguf.GgufArray.OfBools;
import io.github.relayllm.core.format.gguf.GgufArray.OfFloats;
import io.github.relayllm.core.format.gguf.GgufArray.OfIntegers;
import io.github.relayllm.core.format.gguf.GgufArray.OfStrings;
import io.github.relayllm.core.format.gguf.GgufValue.FloatValue;
import io.github.relayllm.core.format.gguf.GgufValue.IntegerValue;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import io.github.relayllm.kernels.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes files with {@link GgufWriter} and reads them back with {@link GgufFile}. */
class GgufWriterTest {
    @TempDir
    Path temp;

    @Test
    void roundTripsEveryValueTypeAndSeveralTensorTypes() throws IOException {
        Map<String, GgufValue> values = everyKindOfValue();
        Map<String, Tensor> tensors = tensorsOfSeveralTypes();
        GgufWriter writer = new GgufWriter().putAll(values);
        tensors.forEach(writer::addTensor);
        Path path = temp.resolve("every-type.gguf");

        writer.write(path);

        try (GgufFile file = GgufFile.open(path)) {
            assertThat(file.version()).isEqualTo(3);
            assertThat(file.alignment()).isEqualTo(64);
            assertThat(file.metadata().asMap()).containsExactlyEntriesOf(values);
            assertThat(file.dataOffset() % 64).isZero();
            assertThat(file.tensors()).extracting(GgufTensorInfo::name).containsExactlyElementsOf(tensors.keySet());
            for (GgufTensorInfo info : file.tensors()) {
                Tensor expected = tensors.get(info.name());
                assertThat(info.offset() % 64).as(info.name()).isZero();
                assertThat(info.dtype()).isEqualTo(expected.dtype());
                assertThat(info.shape()).isEqualTo(expected.shape());
                assertThat(file.tensor(info).data().mismatch(expected.data()))
                        .as(info.name())
                        .isEqualTo(-1);
            }
        }
    }

    @Test
    void writesTheSameBytesToAChannelAsToAFile() throws IOException {
        GgufWriter writer = new GgufWriter().putAll(everyKindOfValue());
        tensorsOfSeveralTypes().forEach(writer::addTensor);
        Path path = temp.resolve("file.gguf");
        ByteArrayOutputStream memory = new ByteArrayOutputStream();

        writer.write(path);
        writer.write(Channels.newChannel(memory));

        assertThat(memory.toByteArray()).isEqualTo(Files.readAllBytes(path));
    }

    @Test
    void alignsToThirtyTwoBytesByDefault() throws IOException {
        GgufFile file = roundTrip(new GgufWriter()
                .putString("general.architecture", "llama")
                .addTensor("a", f32(Shape.of(3)))
                .addTensor("b", f32(Shape.of(5))));

        assertThat(file.metadata().contains("general.alignment")).isFalse();
        assertThat(file.alignment()).isEqualTo(32);
        assertThat(file.tensors()).extracting(GgufTensorInfo::offset).containsExactly(0L, 32L);
        assertThat(file.dataOffset() % 32).isZero();
    }

    @Test
    void writesVocabularyOnlyFiles() throws IOException {
        GgufFile file = roundTrip(new GgufWriter().putStringArray("tokenizer.ggml.tokens", List.of("a", "b")));

        assertThat(file.tensors()).isEmpty();
        assertThat(file.metadata().stringArray("tokenizer.ggml.tokens")).contains(List.of("a", "b"));
    }

    @Test
    void puttingAKeyAgainReplacesItsValueInPlace() throws IOException {
        GgufFile file = roundTrip(new GgufWriter()
                .putString("first", "old")
                .putUInt32("second", 2)
                .putString("first", "new"));

        assertThat(file.metadata().keys()).containsExactly("first", "second");
        assertThat(file.metadata().requireString("first")).isEqualTo("new");
    }

    @Test
    void rejectsDuplicateTensorNames() {
        GgufWriter writer = new GgufWriter().addTensor("w", f32(Shape.of(2)));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> writer.addTensor("w", f32(Shape.of(2))))
                .withMessageContaining("duplicate tensor name \"w\"");
    }

    @Test
    void rejectsTensorNamesGgmlCanNotHold() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new GgufWriter().addTensor("n".repeat(64), f32(Shape.of(2))))
                .withMessageContaining("longer than GGML's 63 bytes");
    }

    @Test
    void rejectsTensorsOfMoreThanFourDimensions() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new GgufWriter().addTensor("t", f32(Shape.of(1, 1, 1, 1, 2))))
                .withMessageContaining("5 dimensions");
    }

    @Test
    void rejectsAlignmentThatIsNotAUInt32PowerOfTwo() {
        GgufWriter writer = new GgufWriter();

        assertThatIllegalArgumentException().isThrownBy(() -> writer.alignment(48));
        assertThatIllegalArgumentException().isThrownBy(() -> writer.put("general.alignment", GgufValue.int32(32)));
        assertThat(writer.alignment()).isEqualTo(32);
    }

    @Test
    void rejectsArraysNestedDeeperThanReadersAccept() {
        GgufArray nested = GgufArray.int32();
        for (int depth = 1; depth <= GgufFormat.MAX_ARRAY_DEPTH; depth++) {
            nested = new OfArrays(List.of(nested));
        }
        GgufArray tooDeep = nested;

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new GgufWriter().put("deep", tooDeep))
                .withMessageContaining("nested 17 deep");
    }

    @Test
    void valuesRejectWhatTheirTypeCanNotHold() {
        assertThatIllegalArgumentException().isThrownBy(() -> new IntegerValue(UINT8, 256));
        assertThatIllegalArgumentException().isThrownBy(() -> new IntegerValue(INT32, 1L << 31));
        assertThatIllegalArgumentException().isThrownBy(() -> new IntegerValue(FLOAT32, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new FloatValue(FLOAT32, 0.1));
        assertThatIllegalArgumentException().isThrownBy(() -> new OfIntegers(INT8, new long[] {128}));
        assertThatIllegalArgumentException().isThrownBy(() -> new OfFloats(FLOAT32, new double[] {0.1}));
        assertThatIllegalArgumentException().isThrownBy(() -> GgufValue.string("lone \uD800 surrogate"));
        assertThatIllegalArgumentException().isThrownBy(() -> GgufArray.strings(List.of("\uDC00")));
    }

    @Test
    void typeIdsAreTheWireIds() {
        for (GgufType type : GgufType.values()) {
            assertThat(GgufType.fromId(type.id())).contains(type);
        }
        assertThat(GgufType.fromId(13)).isEmpty();
        assertThat(GgufType.STRING.id()).isEqualTo(8);
        assertThat(GgufType.FLOAT64.id()).isEqualTo(12);
    }

    private GgufFile roundTrip(GgufWriter writer) throws IOException {
        Path path = Files.createTempFile(temp, "round-trip", ".gguf");
        writer.write(path);
        byte[] bytes = Files.readAllBytes(path);
        return GgufFile.parse(MemorySegment.ofArray(bytes), path.toString());
    }

    private static Map<String, GgufValue> everyKindOfValue() {
        Map<String, GgufValue> values = new LinkedHashMap<>();
        values.put("general.alignment", GgufValue.uint32(64));
        values.put("uint8", new IntegerValue(UINT8, 255));
        values.put("int8", new IntegerValue(INT8, -128));
        values.put("uint16", new IntegerValue(UINT16, 65535));
        values.put("int16", new IntegerValue(INT16, -32768));
        values.put("uint32", GgufValue.uint32(0xFFFF_FFFFL));
        values.put("int32", GgufValue.int32(Integer.MIN_VALUE));
        values.put("uint64", GgufValue.uint64(-1));
        values.put("int64", GgufValue.int64(Long.MIN_VALUE));
        values.put("float32", GgufValue.float32(-0.0f));
        values.put("float32.nan", GgufValue.float32(Float.NaN));
        values.put("float64", GgufValue.float64(Math.E));
        values.put("bool.true", GgufValue.bool(true));
        values.put("bool.false", GgufValue.bool(false));
        values.put("string.empty", GgufValue.string(""));
        values.put("string.unicode", GgufValue.string("héllo 日本語 🦙 e\u0301 \u0000 end"));
        values.put("键.ключ", GgufValue.string("a key in other scripts"));
        values.put("array.empty.uint8", new OfIntegers(UINT8, new long[0]));
        values.put("array.empty.float64", new OfFloats(FLOAT64, new double[0]));
        values.put("array.empty.bool", new OfBools(new boolean[0]));
        values.put("array.empty.string", GgufArray.strings(List.of()));
        values.put("array.empty.array", new OfArrays(List.of()));
        values.put("array.uint16", new OfIntegers(UINT16, new long[] {0, 1, 65535}));
        values.put("array.int64", new OfIntegers(INT64, new long[] {Long.MIN_VALUE, -1, Long.MAX_VALUE}));
        values.put("array.uint64", new OfIntegers(UINT64, new long[] {-1, 0}));
        values.put("array.int32", GgufArray.int32(3, -4, Integer.MAX_VALUE));
        values.put("array.uint32", new OfIntegers(UINT32, new long[] {0xFFFF_FFFFL}));
        values.put("array.float32", GgufArray.float32(1.5f, Float.NEGATIVE_INFINITY, Float.MIN_VALUE));
        values.put("array.float64", new OfFloats(FLOAT64, new double[] {Math.PI, -0.0}));
        values.put("array.bool", new OfBools(new boolean[] {true, false, true}));
        values.put("array.string", new OfStrings(List.of("", "Ġthe", "日本", "🦙")));
        values.put(
                "array.nested",
                new OfArrays(List.of(
                        GgufArray.int32(1, 2),
                        new OfArrays(List.of(GgufArray.strings(List.of("deep")), new OfArrays(List.of()))),
                        new OfBools(new boolean[0]))));
        return values;
    }

    private static Map<String, Tensor> tensorsOfSeveralTypes() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("f32.vector", new Tensor(DType.F32, Shape.of(3), MemorySegment.ofArray(new float[] {1, 2, 3})));
        tensors.put("f32.large", filled(DType.F32, Shape.of(3, 300_001)));
        tensors.put("f16.matrix", filled(DType.F16, Shape.of(2, 5)));
        tensors.put("bf16.4d", filled(DType.BF16, Shape.of(1, 1, 1, 7)));
        tensors.put("q8_0", filled(DType.Q8_0, Shape.of(3, 64)));
        tensors.put("q4_k", filled(DType.Q4_K, Shape.of(2, 256)));
        tensors.put("q6_k", filled(DType.Q6_K, Shape.of(256)));
        tensors.put("i32.4d", filled(DType.I32, Shape.of(2, 2, 2, 2)));
        return tensors;
    }

    /** A tensor of random bytes (any bytes are a valid tensor for reading and writing). */
    private static Tensor filled(DType dtype, Shape shape) {
        byte[] bytes = new byte[(int) dtype.byteSize(shape.elementCount())];
        new Random(shape.hashCode()).nextBytes(bytes);
        return new Tensor(dtype, shape, MemorySegment.ofArray(bytes));
    }

    private static Tensor f32(Shape shape) {
        return filled(DType.F32, shape);
    }
}
