package io.github.relayllm.core.format.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import io.github.relayllm.kernels.tensor.Tensor;
import io.github.relayllm.kernels.testkit.SharedOracle;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads the GGUF files in {@code ../shared/oracle} (llama.cpp's and gguf-py's output) and writes them back. */
class GgufOracleFilesTest {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "oracle/models/stories260K.gguf",
                "oracle/models/llama-2-tiny-random.gguf",
                "oracle/models/qwen3-oracle-small-f32.gguf",
                "oracle/models/qwen3-oracle-small-q8_0.gguf",
                "oracle/vocab/ggml-vocab-gpt-2.gguf",
                "oracle/vocab/ggml-vocab-llama-spm.gguf",
                "oracle/vocab/ggml-vocab-qwen3.gguf"
            })
    void loadsEveryOracleFileAndRewritesItIdentically(String relative) throws IOException {
        Path original = SharedOracle.require(relative);
        Path rewritten = temp.resolve("rewritten.gguf");

        try (GgufFile file = GgufFile.open(original)) {
            assertThat(file.version()).isEqualTo(3);
            assertThat(file.metadata().requireString("general.architecture")).isNotBlank();
            GgufWriter writer = new GgufWriter().putAll(file.metadata().asMap());
            file.tensors().forEach(info -> writer.addTensor(info.name(), file.tensor(info)));
            writer.write(rewritten);

            try (GgufFile copy = GgufFile.open(rewritten)) {
                assertThat(copy.metadata().asMap())
                        .containsExactlyEntriesOf(file.metadata().asMap());
                assertThat(copy.tensors()).isEqualTo(file.tensors());
                assertThat(copy.dataOffset()).isEqualTo(file.dataOffset());
                for (GgufTensorInfo info : file.tensors()) {
                    assertThat(copy.tensor(info.name())
                                    .data()
                                    .mismatch(file.tensor(info).data()))
                            .as(info.name())
                            .isEqualTo(-1);
                }
            }
        }
        // gguf-py lays files out as the writer does; its vocabulary files may lack the final padding.
        byte[] expected = Files.readAllBytes(original);
        byte[] actual = Files.readAllBytes(rewritten);
        assertThat(actual.length).isBetween(expected.length, expected.length + 31);
        assertThat(java.util.Arrays.mismatch(actual, 0, expected.length, expected, 0, expected.length))
                .isEqualTo(-1);
    }

    @Test
    void readsStories260K() throws IOException {
        try (GgufFile file = GgufFile.open(SharedOracle.require("oracle/models/stories260K.gguf"))) {
            GgufMetadata metadata = file.metadata();

            assertThat(metadata.requireString("general.architecture")).isEqualTo("llama");
            assertThat(metadata.requireInt("llama.block_count")).isEqualTo(5);
            assertThat(metadata.requireInt("llama.embedding_length")).isEqualTo(64);
            assertThat(metadata.requireInt("llama.attention.head_count_kv")).isEqualTo(4);
            assertThat(metadata.requireDouble("llama.attention.layer_norm_rms_epsilon"))
                    .isEqualTo(1e-5f);
            assertThat(metadata.requireString("tokenizer.ggml.model")).isEqualTo("llama");
            assertThat(metadata.stringArray("tokenizer.ggml.tokens").orElseThrow())
                    .hasSize(512)
                    .startsWith("<unk>", "<s>", "</s>");
            assertThat(metadata.floatArray("tokenizer.ggml.scores").orElseThrow())
                    .hasSize(512);
            assertThat(metadata.intArray("tokenizer.ggml.token_type").orElseThrow())
                    .hasSize(512)
                    .startsWith(2, 3, 3);
            // An unset id stored as UINT32 all-ones still reads as a long.
            assertThat(metadata.requireLong("tokenizer.ggml.padding_token_id")).isEqualTo(0xFFFF_FFFFL);

            assertThat(file.tensors())
                    .hasSize(48)
                    .allSatisfy(info -> assertThat(info.dtype()).isEqualTo(DType.F32));
            Tensor embeddings = file.tensor("token_embd.weight");
            assertThat(embeddings.shape()).isEqualTo(Shape.of(512, 64));
            assertThat(file.tensorInfo("blk.0.attn_k.weight").orElseThrow().shape())
                    .isEqualTo(Shape.of(32, 64));
        }
    }

    @Test
    void readsLlama2TinyRandomAsF16WithTheFullVocabulary() throws IOException {
        try (GgufFile file = GgufFile.open(SharedOracle.require("oracle/models/llama-2-tiny-random.gguf"))) {
            assertThat(file.metadata().requireInt("llama.block_count")).isEqualTo(1);
            assertThat(file.metadata().stringArray("tokenizer.ggml.tokens").orElseThrow())
                    .hasSize(32000);
            assertThat(file.tensor("token_embd.weight").dtype()).isEqualTo(DType.F16);
            assertThat(file.tensor("token_embd.weight").shape()).isEqualTo(Shape.of(32000, 8));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"f32", "q8_0"})
    void readsQwen3OracleSmall(String quantization) throws IOException {
        Path path = SharedOracle.require("oracle/models/qwen3-oracle-small-" + quantization + ".gguf");
        try (GgufFile file = GgufFile.open(path)) {
            GgufMetadata metadata = file.metadata();
            DType weights = quantization.equals("f32") ? DType.F32 : DType.Q8_0;

            assertThat(metadata.requireString("general.architecture")).isEqualTo("qwen3");
            assertThat(metadata.requireInt("qwen3.block_count")).isEqualTo(3);
            assertThat(metadata.requireInt("qwen3.attention.key_length")).isEqualTo(32);
            assertThat(metadata.requireDouble("qwen3.rope.freq_base")).isEqualTo(1e6);
            assertThat(metadata.requireLong("tokenizer.ggml.eos_token_id")).isEqualTo(151645);
            assertThat(metadata.optionalBool("tokenizer.ggml.add_bos_token")).contains(false);
            assertThat(metadata.requireString("tokenizer.chat_template")).contains("<|im_start|>");
            assertThat(metadata.stringArray("tokenizer.ggml.tokens").orElseThrow())
                    .hasSize(151936)
                    .contains("<|im_end|>", "<think>");
            assertThat(metadata.stringArray("tokenizer.ggml.merges").orElseThrow())
                    .hasSize(151387)
                    .startsWith("Ġ Ġ", "ĠĠ ĠĠ");

            assertThat(file.tensors()).hasSize(35);
            assertThat(file.tensorInfo("output.weight")).as("tied embeddings").isEmpty();
            Tensor embeddings = file.tensor("token_embd.weight");
            assertThat(embeddings.dtype()).isEqualTo(weights);
            assertThat(embeddings.shape()).isEqualTo(Shape.of(151936, 64));
            assertThat(file.tensor("blk.0.attn_q.weight").shape()).isEqualTo(Shape.of(128, 64));
            assertThat(file.tensor("blk.0.attn_q_norm.weight").dtype()).isEqualTo(DType.F32);
            assertThat(file.tensor("blk.2.ffn_down.weight").shape()).isEqualTo(Shape.of(64, 192));
        }
    }

    @Test
    void q8_0OracleScalesAreTheF32WeightsOverAmax() throws IOException {
        try (GgufFile f32 = GgufFile.open(SharedOracle.require("oracle/models/qwen3-oracle-small-f32.gguf"));
                GgufFile q8 = GgufFile.open(SharedOracle.require("oracle/models/qwen3-oracle-small-q8_0.gguf"))) {
            Tensor weights = f32.tensor("blk.1.attn_k.weight");
            Tensor quantized = q8.tensor("blk.1.attn_k.weight");
            float amax = 0;
            for (int i = 0; i < 32; i++) {
                amax = Math.max(amax, Math.abs(weights.data().getAtIndex(F32, i)));
            }
            short scale = quantized.data().get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);

            assertThat(Float.float16ToFloat(scale)).isEqualTo(Float.float16ToFloat(Float.floatToFloat16(amax / 127)));
        }
    }

    @Test
    void readsQwen3VocabularyOnlyFile() throws IOException {
        try (GgufFile file = GgufFile.open(SharedOracle.require("oracle/vocab/ggml-vocab-qwen3.gguf"))) {
            assertThat(file.tensors()).isEmpty();
            assertThat(file.metadata().requireString("tokenizer.ggml.pre")).isEqualTo("qwen2");
            List<String> tokens =
                    file.metadata().stringArray("tokenizer.ggml.tokens").orElseThrow();
            assertThat(tokens).hasSize(151936);
            assertThat(tokens.get(151645)).isEqualTo("<|im_end|>");
            assertThat(file.metadata().intArray("tokenizer.ggml.token_type").orElseThrow())
                    .hasSize(151936);
        }
    }

    @Test
    void copiesAVocabularyIntoANewModelFile() throws IOException {
        Path model = temp.resolve("model.gguf");
        try (GgufFile vocab = GgufFile.open(SharedOracle.require("oracle/vocab/ggml-vocab-llama-spm.gguf"))) {
            new GgufWriter()
                    .putString("general.architecture", "llama")
                    .putAll(vocab.metadata().withPrefix("tokenizer."))
                    .write(model);

            try (GgufFile copy = GgufFile.open(model)) {
                assertThat(copy.metadata().keys()).first().isEqualTo("general.architecture");
                assertThat(copy.metadata().withPrefix("tokenizer."))
                        .containsExactlyEntriesOf(vocab.metadata().withPrefix("tokenizer."));
            }
        }
    }
}
