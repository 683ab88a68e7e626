package io.github.relayllm.core.format.hf;

import static io.github.relayllm.core.format.hf.TestTensors.counting;
import static io.github.relayllm.core.format.hf.TestTensors.f32;
import static io.github.relayllm.core.format.hf.TestTensors.sameContents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.relayllm.core.format.ModelFormatException;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import io.github.relayllm.kernels.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void readsBackEveryDtypeWithMetadataInInsertionOrder() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("model.embed_tokens.weight", counting(DType.BF16, Shape.of(5, 3), 1));
        tensors.put("odd.i8", counting(DType.I8, Shape.of(3), 2));
        tensors.put("a.f32", f32(Shape.of(2, 3), 0.5f, -1, 2, 3.25f, 4, 1e-3f));
        tensors.put("a.f16", counting(DType.F16, Shape.of(2, 1, 2), 3));
        tensors.put("a.f64", counting(DType.F64, Shape.of(1), 4));
        tensors.put("a.i16", counting(DType.I16, Shape.of(3), 5));
        tensors.put("a.i32", counting(DType.I32, Shape.of(1, 2), 6));
        tensors.put("a.i64", counting(DType.I64, Shape.of(2), 7));
        SafetensorsWriter writer =
                new SafetensorsWriter().metadata("format", "pt").metadata("note", "é ☃");
        tensors.forEach(writer::add);
        Path path = dir.resolve("model.safetensors");
        writer.write(path);

        try (Safetensors file = Safetensors.open(path)) {
            assertThat(file.source()).isEqualTo(path.toString());
            assertThat(file.metadata()).containsExactlyInAnyOrderEntriesOf(Map.of("format", "pt", "note", "é ☃"));
            assertThat(file.tensors())
                    .extracting(SafetensorsTensorInfo::name)
                    .containsExactlyElementsOf(tensors.keySet());
            tensors.forEach((name, tensor) -> {
                assertThat(sameContents(file.tensor(name), tensor)).as(name).isTrue();
                assertThat(file.tensorInfo(name).orElseThrow().byteSize()).isEqualTo(tensor.byteSize());
            });
            assertThat(file.dataOffset() % 8).isZero();
        }
    }

    @Test
    void padsTheHeaderWithSpacesToAMultipleOfEight() throws IOException {
        Path path = dir.resolve("x.safetensors");
        new SafetensorsWriter().add("abc", counting(DType.I8, Shape.of(1), 0)).write(path);
        byte[] bytes = Files.readAllBytes(path);
        long headerLength =
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);

        assertThat(headerLength % 8).isZero();
        assertThat(header).startsWith("{\"abc\":{\"dtype\":\"I8\",\"shape\":[1],\"data_offsets\":[0,1]}}");
        assertThat(header.substring(header.lastIndexOf('}') + 1)).isNotEmpty().isBlank();
        assertThat(bytes).hasSize(8 + (int) headerLength + 1);
    }

    @Test
    void writesTheSameBytesAsHuggingFace() throws IOException {
        // The layout of safetensors' own serialization tests: no metadata, unpadded when already aligned.
        Path path = dir.resolve("hf.safetensors");
        new SafetensorsWriter()
                .add("attn.0", f32(Shape.of(1, 2, 3), 0, 1, 2, 3, 4, 5))
                .write(path);

        String json = "{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}";
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(littleEndian(64));
        expected.writeBytes(json.getBytes(StandardCharsets.UTF_8));
        for (float value : new float[] {0, 1, 2, 3, 4, 5}) {
            expected.writeBytes(ByteBuffer.allocate(4)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putFloat(value)
                    .array());
        }
        assertThat(Files.readAllBytes(path)).isEqualTo(expected.toByteArray());
    }

    @Test
    void writesHuggingFacesEmptyFiles() throws IOException {
        Path empty = dir.resolve("empty.safetensors");
        new SafetensorsWriter().write(empty);
        assertThat(Files.readAllBytes(empty))
                .isEqualTo(concat(littleEndian(8), "{}      ".getBytes(StandardCharsets.UTF_8)));

        Path metadataOnly = dir.resolve("meta.safetensors");
        new SafetensorsWriter().metadata("framework", "pt").write(metadataOnly);
        assertThat(Files.readAllBytes(metadataOnly))
                .isEqualTo(concat(
                        littleEndian(40),
                        "{\"__metadata__\":{\"framework\":\"pt\"}}     ".getBytes(StandardCharsets.UTF_8)));
        try (Safetensors file = Safetensors.open(metadataOnly)) {
            assertThat(file.tensors()).isEmpty();
            assertThat(file.metadata()).containsExactly(Map.entry("framework", "pt"));
        }
    }

    @Test
    void streamsTensorsLargerThanTheWriteBuffer() throws IOException {
        int elements = 5_000_000; // 20 MB: crosses the 8 MiB staging buffer twice
        float[] values = new float[elements];
        for (int i = 0; i < elements; i++) {
            values[i] = i;
        }
        Tensor big = f32(Shape.of(elements / 1000, 1000), values);
        Path path = dir.resolve("big.safetensors");
        new SafetensorsWriter()
                .add("small", counting(DType.I8, Shape.of(3), 9))
                .add("big", big)
                .write(path);
        try (Safetensors file = Safetensors.open(path)) {
            assertThat(sameContents(file.tensor("big"), big)).isTrue();
        }
    }

    @Test
    void mapsFilesLargerThanTwoGibibytes() throws IOException {
        long elements = 600_000_000L; // 2.4 GB of F32, left sparse on disk
        String json = "{\"big\":{\"dtype\":\"F32\",\"shape\":[%d],\"data_offsets\":[0,%d]}}"
                .formatted(elements, elements * 4);
        json += " ".repeat((8 - json.length() % 8) % 8);
        Path path = dir.resolve("sparse.safetensors");
        long dataOffset = 8 + json.length();
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.write(littleEndian(json.length()));
            file.write(json.getBytes(StandardCharsets.UTF_8));
            file.setLength(dataOffset + elements * 4);
            file.seek(dataOffset + elements * 4 - 4);
            file.write(ByteBuffer.allocate(4)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putFloat(42.5f)
                    .array());
        }
        try (Safetensors file = Safetensors.open(path)) {
            Tensor big = file.tensor("big");
            assertThat(big.byteSize()).isEqualTo(elements * 4);
            assertThat(big.data()
                            .get(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), elements * 4 - 4))
                    .isEqualTo(42.5f);
        }
    }

    @Test
    void parsesInMemoryFilesWithoutOwningThem() throws IOException {
        Path path = dir.resolve("m.safetensors");
        Tensor tensor = f32(Shape.of(2), 1, 2);
        new SafetensorsWriter().add("w", tensor).write(path);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bytes = arena.allocate(Files.size(path));
            MemorySegment.copy(MemorySegment.ofArray(Files.readAllBytes(path)), 0, bytes, 0, bytes.byteSize());
            Safetensors file = Safetensors.parse(bytes, "in-memory");
            file.close();
            assertThat(sameContents(file.tensor("w"), tensor)).isTrue();
        }
    }

    @Test
    void closingUnmapsTheTensors() throws IOException {
        Path path = dir.resolve("c.safetensors");
        new SafetensorsWriter().add("w", f32(Shape.of(2), 1, 2)).write(path);
        Safetensors file = Safetensors.open(path);
        Tensor tensor = file.tensor("w");
        file.close();
        file.close();
        assertThatThrownBy(() -> tensor.data().get(ValueLayout.JAVA_BYTE, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void reportsUnknownTensorNames() throws IOException {
        Path path = dir.resolve("u.safetensors");
        new SafetensorsWriter().add("w", f32(Shape.of(1), 1)).write(path);
        try (Safetensors file = Safetensors.open(path)) {
            assertThat(file.tensorInfo("v")).isEmpty();
            assertThatThrownBy(() -> file.tensor("v"))
                    .isInstanceOfSatisfying(
                            ModelFormatException.class,
                            e -> assertThat(e.field()).isEqualTo("v"));
        }
    }

    @Test
    void writerRejectsWhatSafetensorsCanNotHold() {
        SafetensorsWriter writer = new SafetensorsWriter().add("w", f32(Shape.of(1), 1));
        assertThatThrownBy(() -> writer.add("w", f32(Shape.of(1), 2))).hasMessageContaining("already added");
        assertThatThrownBy(() -> writer.add("__metadata__", f32(Shape.of(1), 2)))
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> writer.add("q", counting(DType.Q8_0, Shape.of(32), 0)))
                .hasMessageContaining("no type for Q8_0");
    }

    private static byte[] littleEndian(long value) {
        return ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(value)
                .array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
