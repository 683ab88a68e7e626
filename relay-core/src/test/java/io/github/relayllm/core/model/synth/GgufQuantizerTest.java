package io.github.relayllm.core.model.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.relayllm.core.format.gguf.GgufFile;
import io.github.relayllm.core.format.gguf.GgufTensorInfo;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.testkit.SharedOracle;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufQuantizerTest {
    @TempDir
    Path dir;

    @Test
    void quantizingTheF32OracleReproducesLlamaCppsQ8_0BytesExactly() throws IOException {
        Path f32 = SharedOracle.require("oracle/models/qwen3-oracle-small-f32.gguf");
        Path q8 = SharedOracle.require("oracle/models/qwen3-oracle-small-q8_0.gguf");
        Path ours = dir.resolve("ours-q8_0.gguf");
        GgufQuantizer.quantize(f32, ours, DType.Q8_0);
        try (GgufFile expected = GgufFile.open(q8);
                GgufFile actual = GgufFile.open(ours)) {
            assertThat(actual.tensors()).hasSameSizeAs(expected.tensors());
            for (GgufTensorInfo info : expected.tensors()) {
                GgufTensorInfo mine = actual.tensorInfo(info.name()).orElseThrow();
                assertThat(mine.dtype()).as(info.name()).isEqualTo(info.dtype());
                assertThat(mine.shape()).as(info.name()).isEqualTo(info.shape());
                assertThat(actual.tensor(info)
                                .data()
                                .mismatch(expected.tensor(info).data()))
                        .as("first differing byte of %s", info.name())
                        .isEqualTo(-1L);
            }
            assertThat(actual.metadata().requireLong("general.file_type")).isEqualTo(7);
            assertThat(actual.metadata().stringArray("tokenizer.ggml.tokens"))
                    .isEqualTo(expected.metadata().stringArray("tokenizer.ggml.tokens"));
        }
    }

    @Test
    void vectorsKeepTheirTypeAndMatricesTakeTheNewOne() throws IOException {
        Path f32 = SharedOracle.require("oracle/models/stories260K.gguf");
        Path out = dir.resolve("stories-f16.gguf");
        GgufQuantizer.quantize(f32, out, DType.F16);
        try (GgufFile file = GgufFile.open(out)) {
            assertThat(file.tensorInfo("output_norm.weight").orElseThrow().dtype())
                    .isEqualTo(DType.F32);
            assertThat(file.tensorInfo("blk.0.attn_q.weight").orElseThrow().dtype())
                    .isEqualTo(DType.F16);
        }
    }

    @Test
    void refusesTypesWithoutAnEncoderAndRowsThatAreNotWholeBlocks() {
        Path stories = SharedOracle.require("oracle/models/stories260K.gguf");
        assertThatThrownBy(() -> GgufQuantizer.quantize(stories, dir.resolve("x.gguf"), DType.Q6_K))
                .hasMessageContaining("can not write Q6_K");
        // stories260K's FFN is 172 wide: its down projection's rows are not whole blocks of 32.
        assertThatThrownBy(() -> GgufQuantizer.quantize(stories, dir.resolve("y.gguf"), DType.Q8_0))
                .hasMessageContaining("blk.0.ffn_down.weight")
                .hasMessageContaining("not whole Q8_0 blocks");
    }
}
