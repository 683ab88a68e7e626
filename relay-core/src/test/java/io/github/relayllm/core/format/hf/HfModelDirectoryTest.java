package io.github.relayllm.core.format.hf;

import static io.github.relayllm.core.format.hf.TestTensors.counting;
import static io.github.relayllm.core.format.hf.TestTensors.sameContents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.relayllm.core.format.ModelFormatException;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import io.github.relayllm.kernels.tensor.Tensor;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfModelDirectoryTest {
    private static final Tensor EMBED = counting(DType.BF16, Shape.of(8, 4), 1);
    private static final Tensor NORM = counting(DType.F32, Shape.of(4), 2);
    private static final Tensor UP = counting(DType.F16, Shape.of(6, 4), 3);
    private static final Tensor DOWN = counting(DType.F16, Shape.of(4, 6), 4);

    @TempDir
    Path dir;

    @BeforeEach
    void writeConfig() throws IOException {
        Files.write(dir.resolve("config.json"), HfConfigTest.resource("qwen3-0.6b.json"));
    }

    /** Writes {@code tensors} as shards and an index mapping each tensor to its shard. */
    private void writeShards(Map<String, Map<String, Tensor>> shards) throws IOException {
        Map<String, String> weightMap = new LinkedHashMap<>();
        for (var shard : shards.entrySet()) {
            SafetensorsWriter writer = new SafetensorsWriter().metadata("format", "pt");
            shard.getValue().forEach((name, tensor) -> {
                writer.add(name, tensor);
                weightMap.put(name, shard.getKey());
            });
            writer.write(dir.resolve(shard.getKey()));
        }
        writeIndex(weightMap);
    }

    private void writeIndex(Map<String, String> weightMap) throws IOException {
        String entries = weightMap.entrySet().stream()
                .map(e -> "    \"%s\": \"%s\"".formatted(e.getKey(), e.getValue()))
                .collect(Collectors.joining(",\n"));
        Files.writeString(
                dir.resolve("model.safetensors.index.json"),
                "{\n  \"metadata\": {\"total_size\": 1},\n  \"weight_map\": {\n" + entries + "\n  }\n}\n");
    }

    private Map<String, Map<String, Tensor>> threeShards() {
        Map<String, Map<String, Tensor>> shards = new LinkedHashMap<>();
        shards.put("model-00002-of-00003.safetensors", Map.of("model.layers.0.mlp.up_proj.weight", UP));
        shards.put("model-00001-of-00003.safetensors", Map.of("model.embed_tokens.weight", EMBED));
        Map<String, Tensor> last = new LinkedHashMap<>();
        last.put("model.layers.0.mlp.down_proj.weight", DOWN);
        last.put("model.norm.weight", NORM);
        shards.put("model-00003-of-00003.safetensors", last);
        return shards;
    }

    private ModelFormatException rejection() {
        try (HfModelDirectory model = HfModelDirectory.open(dir)) {
            throw new AssertionError("opened " + model);
        } catch (ModelFormatException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private long indexOffsetOf(String text) throws IOException {
        String index = Files.readString(dir.resolve("model.safetensors.index.json"));
        assertThat(index).contains(text);
        return index.indexOf(text);
    }

    @Test
    void opensASingleFileModelAndLocatesTheTokenizerFiles() throws IOException {
        new SafetensorsWriter()
                .add("model.embed_tokens.weight", EMBED)
                .add("model.norm.weight", NORM)
                .write(dir.resolve("model.safetensors"));
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        Files.writeString(dir.resolve("generation_config.json"), "{}");
        Files.createDirectory(dir.resolve("chat_template.jinja")); // not a file: not reported

        try (HfModelDirectory model = HfModelDirectory.open(dir)) {
            assertThat(model.directory()).isEqualTo(dir);
            assertThat(model.config().modelType()).isEqualTo("qwen3");
            assertThat(model.tensorNames()).containsExactly("model.embed_tokens.weight", "model.norm.weight");
            assertThat(sameContents(model.tensor("model.norm.weight"), NORM)).isTrue();
            assertThat(model.tensorInfo("model.embed_tokens.weight")
                            .orElseThrow()
                            .shape())
                    .isEqualTo(Shape.of(8, 4));
            assertThat(model.weightFiles()).containsExactly(dir.resolve("model.safetensors"));
            assertThat(model.tokenizerJson()).contains(dir.resolve("tokenizer.json"));
            assertThat(model.generationConfigJson()).contains(dir.resolve("generation_config.json"));
            assertThat(model.tokenizerConfigJson()).isEmpty();
            assertThat(model.chatTemplateJinja()).isEmpty();
        }
    }

    @Test
    void opensAShardedModelWithShardsInNameOrder() throws IOException {
        writeShards(threeShards());
        Files.writeString(dir.resolve("tokenizer_config.json"), "{}");
        Files.writeString(dir.resolve("chat_template.jinja"), "{{ messages }}");

        try (HfModelDirectory model = HfModelDirectory.open(dir)) {
            assertThat(model.tensorNames())
                    .containsExactly(
                            "model.embed_tokens.weight",
                            "model.layers.0.mlp.up_proj.weight",
                            "model.layers.0.mlp.down_proj.weight",
                            "model.norm.weight");
            assertThat(sameContents(model.tensor("model.embed_tokens.weight"), EMBED))
                    .isTrue();
            assertThat(sameContents(model.tensor("model.layers.0.mlp.up_proj.weight"), UP))
                    .isTrue();
            assertThat(sameContents(model.tensor("model.layers.0.mlp.down_proj.weight"), DOWN))
                    .isTrue();
            assertThat(sameContents(model.tensor("model.norm.weight"), NORM)).isTrue();
            assertThat(model.weightFiles())
                    .extracting(path -> path.getFileName().toString())
                    .containsExactly(
                            "model-00001-of-00003.safetensors",
                            "model-00002-of-00003.safetensors",
                            "model-00003-of-00003.safetensors");
            assertThat(model.tokenizerConfigJson()).contains(dir.resolve("tokenizer_config.json"));
            assertThat(model.chatTemplateJinja()).contains(dir.resolve("chat_template.jinja"));
        }
    }

    @Test
    void prefersTheSingleFileWhenAnIndexIsAlsoPresent() throws IOException {
        writeShards(threeShards());
        new SafetensorsWriter().add("only", NORM).write(dir.resolve("model.safetensors"));

        try (HfModelDirectory model = HfModelDirectory.open(dir)) {
            assertThat(model.tensorNames()).containsExactly("only");
        }
    }

    @Test
    void closingUnmapsEveryShard() throws IOException {
        writeShards(threeShards());
        HfModelDirectory model = HfModelDirectory.open(dir);
        List<Tensor> tensors = model.tensorNames().stream().map(model::tensor).toList();
        model.close();
        model.close();

        for (Tensor tensor : tensors) {
            assertThatThrownBy(() -> tensor.data().get(ValueLayout.JAVA_BYTE, 0))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void reportsUnknownTensorNames() throws IOException {
        writeShards(threeShards());
        try (HfModelDirectory model = HfModelDirectory.open(dir)) {
            assertThat(model.tensorInfo("lm_head.weight")).isEmpty();
            assertThatThrownBy(() -> model.tensor("lm_head.weight"))
                    .isInstanceOfSatisfying(ModelFormatException.class, e -> {
                        assertThat(e.source()).isEqualTo(dir.toString());
                        assertThat(e.field()).isEqualTo("lm_head.weight");
                    });
        }
    }

    @Test
    void rejectsADirectoryWithoutConfig() throws IOException {
        Files.delete(dir.resolve("config.json"));
        ModelFormatException e = rejection();

        assertThat(e.source()).isEqualTo(dir.toString());
        assertThat(e.field()).isEqualTo("config.json");
        assertThat(e.getMessage()).contains("missing");
    }

    @Test
    void rejectsAPathThatIsNotADirectory() throws IOException {
        Path file = dir.resolve("config.json");
        assertThatThrownBy(() -> HfModelDirectory.open(file))
                .isInstanceOfSatisfying(
                        ModelFormatException.class, e -> assertThat(e.field()).isEqualTo("directory"));
    }

    @Test
    void rejectsADirectoryWithoutWeights() {
        ModelFormatException e = rejection();

        assertThat(e.source()).isEqualTo(dir.toString());
        assertThat(e.getMessage()).contains("model.safetensors", "model.safetensors.index.json");
    }

    @Test
    void saysThatPyTorchWeightsAreNotSupported() throws IOException {
        Files.writeString(dir.resolve("pytorch_model.bin"), "pickle");
        assertThat(rejection().getMessage()).contains("PyTorch .bin weights are not supported");
    }

    @Test
    void reportsAnInvalidConfigBeforeTheWeights() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": 3}");
        ModelFormatException e = rejection();

        assertThat(e.source()).isEqualTo(dir.resolve("config.json").toString());
    }

    @Test
    void rejectsAnIndexNamingAMissingShard() throws IOException {
        Map<String, Map<String, Tensor>> shards = threeShards();
        writeShards(shards);
        Files.delete(dir.resolve("model-00002-of-00003.safetensors"));
        ModelFormatException e = rejection();

        assertThat(e.source())
                .isEqualTo(dir.resolve("model.safetensors.index.json").toString());
        assertThat(e.field()).isEqualTo("weight_map[\"model.layers.0.mlp.up_proj.weight\"]");
        assertThat(e.offset()).isEqualTo(indexOffsetOf("\"model-00002-of-00003.safetensors\""));
        assertThat(e.getMessage()).contains("not in");
    }

    @Test
    void rejectsAnIndexPlacingATensorInAShardThatLacksIt() throws IOException {
        writeShards(threeShards());
        Map<String, String> weightMap = new LinkedHashMap<>();
        weightMap.put("model.embed_tokens.weight", "model-00001-of-00003.safetensors");
        weightMap.put("model.layers.0.mlp.up_proj.weight", "model-00002-of-00003.safetensors");
        weightMap.put("model.layers.0.mlp.down_proj.weight", "model-00003-of-00003.safetensors");
        weightMap.put("model.norm.weight", "model-00001-of-00003.safetensors");
        writeIndex(weightMap);
        ModelFormatException e = rejection();

        assertThat(e.field()).isEqualTo("weight_map[\"model.norm.weight\"]");
        assertThat(e.getMessage()).contains("shard 'model-00001-of-00003.safetensors' holds no such tensor");
    }

    @Test
    void rejectsAShardHoldingATensorTheIndexDoesNotList() throws IOException {
        writeShards(threeShards());
        Map<String, String> weightMap = new LinkedHashMap<>();
        weightMap.put("model.embed_tokens.weight", "model-00001-of-00003.safetensors");
        weightMap.put("model.layers.0.mlp.up_proj.weight", "model-00002-of-00003.safetensors");
        weightMap.put("model.norm.weight", "model-00003-of-00003.safetensors");
        writeIndex(weightMap);
        ModelFormatException e = rejection();

        assertThat(e.field()).isEqualTo("weight_map[\"model.layers.0.mlp.down_proj.weight\"]");
        assertThat(e.offset()).isEqualTo(indexOffsetOf("{\n    \"model.embed"));
        assertThat(e.getMessage()).contains("is not listed, but shard 'model-00003-of-00003.safetensors' holds it");
    }

    @Test
    void rejectsATensorHeldByTwoShards() throws IOException {
        Map<String, Map<String, Tensor>> shards = threeShards();
        writeShards(shards);
        new SafetensorsWriter()
                .add("model.layers.0.mlp.up_proj.weight", UP)
                .add("model.norm.weight", NORM)
                .write(dir.resolve("model-00002-of-00003.safetensors"));
        ModelFormatException e = rejection();

        assertThat(e.field()).isEqualTo("weight_map[\"model.norm.weight\"]");
        assertThat(e.getMessage())
                .contains(
                        "places it in 'model-00003-of-00003.safetensors', but shard 'model-00002-of-00003.safetensors'");
    }

    @Test
    void rejectsShardNamesOutsideTheDirectory() throws IOException {
        writeIndex(Map.of("model.norm.weight", "../elsewhere.safetensors"));
        ModelFormatException e = rejection();

        assertThat(e.field()).isEqualTo("weight_map[\"model.norm.weight\"]");
        assertThat(e.getMessage()).contains("is not a file name in the model directory");
    }

    @Test
    void rejectsAnIndexWithoutWeightMap() throws IOException {
        Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"metadata\": {}}");
        ModelFormatException e = rejection();

        assertThat(e.field()).isEqualTo("weight_map");
        assertThat(e.offset()).isZero();
    }

    @Test
    void rejectsAnEmptyWeightMap() throws IOException {
        writeIndex(Map.of());
        assertThat(rejection().getMessage()).contains("lists no tensors");
    }

    @Test
    void namesTheShardWhoseHeaderIsInvalid() throws IOException {
        writeShards(threeShards());
        Path broken = dir.resolve("model-00003-of-00003.safetensors");
        Files.write(broken, new byte[] {1, 2, 3});
        ModelFormatException e = rejection();

        assertThat(e.source()).isEqualTo(broken.toString());
        assertThat(e.field()).isEqualTo("header.length");
    }
}
