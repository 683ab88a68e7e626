package io.github.relayllm.core.model.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.relayllm.core.model.Architecture;
import io.github.relayllm.core.model.ModelConfig;
import io.github.relayllm.core.model.ModelSource;
import io.github.relayllm.core.model.QkPermutation;
import io.github.relayllm.core.model.RopePairing;
import io.github.relayllm.core.model.RopeScaling;
import io.github.relayllm.core.model.WeightKind;
import io.github.relayllm.core.model.WeightName;
import io.github.relayllm.core.model.WeightSchema;
import io.github.relayllm.core.model.WeightSpec;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RandomModelTest {
    @TempDir
    Path dir;

    /** Small models of every family, with the features that make their files differ. */
    static Stream<Arguments> families() {
        ModelConfig llama3 = ModelConfig.builder(Architecture.LLAMA)
                .vocabSize(300)
                .hiddenSize(64)
                .layerCount(2)
                .heads(4, 2)
                .headDim(16)
                .ffnSize(96)
                .ropeTheta(500_000)
                .ropeScaling(new RopeScaling.Llama3(8, 1, 4, 64))
                .normEps(1e-5)
                .bosId(OptionalInt.of(1))
                .eosIds(List.of(2))
                .build();
        ModelConfig qwen2 = ModelConfig.builder(Architecture.QWEN2)
                .vocabSize(320)
                .hiddenSize(64)
                .layerCount(2)
                .heads(4, 4)
                .headDim(16)
                .ffnSize(128)
                .tiedEmbeddings(true)
                .build();
        ModelConfig qwen3 = ModelConfig.builder(Architecture.QWEN3)
                .vocabSize(288)
                .hiddenSize(64)
                .layerCount(3)
                .heads(4, 2)
                .headDim(32)
                .ffnSize(192)
                .ropeTheta(1_000_000)
                .tiedEmbeddings(true)
                .build();
        return Stream.of(Arguments.of("llama3", llama3), Arguments.of("qwen2", qwen2), Arguments.of("qwen3", qwen3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void ggufAndHuggingFaceFilesOfOneSeedHoldTheSameModel(String name, ModelConfig shape) throws IOException {
        RandomModel model = RandomModel.of(name, shape, Optional.empty(), DType.F32, 7);
        model.writeGguf(dir.resolve("m.gguf"));
        model.writeHf(dir.resolve("hf"));
        try (ModelSource gguf = ModelSource.open(dir.resolve("m.gguf"));
                ModelSource hf = ModelSource.open(dir.resolve("hf"))) {
            ModelConfig g = gguf.config();
            ModelConfig h = hf.config();
            assertThat(h.ropePairing()).isEqualTo(RopePairing.NEOX);
            assertThat(g.ropePairing()).isEqualTo(shape.architecture().ggufRopePairing());
            assertThat(g.toBuilder()
                            .ropePairing(RopePairing.NEOX)
                            .ropeScaling(h.ropeScaling())
                            .normEps(h.normEps())
                            .eosIds(h.eosIds())
                            .build())
                    .isEqualTo(h);
            assertThat(new HashSet<>(g.eosIds())).isEqualTo(new HashSet<>(h.eosIds()));
            assertThat((float) g.normEps()).isEqualTo((float) h.normEps());

            int checked = 0;
            for (WeightSpec spec : WeightSchema.of(g)) {
                WeightName weight = spec.name();
                if (weight.kind() == WeightKind.ROPE_FREQUENCIES) {
                    var llama3 = (RopeScaling.Llama3) h.ropeScaling();
                    assertThat(gguf.weight(weight).toFloatArray()).containsExactly(llama3.divisors(16, 500_000));
                    continue;
                }
                assertSameValues(gguf.weight(weight), hf.weight(weight), g, weight);
                checked++;
            }
            assertThat(checked).isEqualTo(WeightSchema.of(h).size());
        }
    }

    /** GGUF Llama Q/K rows are llama.cpp's permutation of the Hugging Face rows; all else is equal. */
    private static void assertSameValues(Tensor gguf, Tensor hf, ModelConfig config, WeightName weight) {
        assertThat(gguf.shape()).as(weight.gguf()).isEqualTo(hf.shape());
        float[] g = gguf.toFloatArray();
        float[] h = hf.toFloatArray();
        boolean permuted =
                config.ropePairing() == RopePairing.ADJACENT && weight.kind().isRopePermuted();
        int rowLength = (int) gguf.shape().rowLength();
        long rows = gguf.shape().rowCount();
        if (!permuted) {
            assertThat(g).as(weight.gguf()).containsExactly(h);
            return;
        }
        for (long r = 0; r < rows; r++) {
            int hfRow = (int) QkPermutation.hfRowOf(r, config.headDim());
            for (int c = 0; c < rowLength; c++) {
                assertThat(g[(int) r * rowLength + c]).isEqualTo(h[hfRow * rowLength + c]);
            }
        }
    }

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedAnotherModel() throws IOException {
        ModelConfig shape =
                families().findFirst().map(a -> (ModelConfig) a.get()[1]).orElseThrow();
        RandomModel.of("a", shape, Optional.empty(), DType.Q8_0, 1).writeGguf(dir.resolve("a.gguf"));
        RandomModel.of("a", shape, Optional.empty(), DType.Q8_0, 1).writeGguf(dir.resolve("b.gguf"));
        RandomModel.of("a", shape, Optional.empty(), DType.Q8_0, 2).writeGguf(dir.resolve("c.gguf"));
        byte[] a = Files.readAllBytes(dir.resolve("a.gguf"));
        assertThat(Files.readAllBytes(dir.resolve("b.gguf"))).isEqualTo(a);
        assertThat(Files.readAllBytes(dir.resolve("c.gguf"))).isNotEqualTo(a);
    }

    @Test
    void quantizedWeightsStayWithinTheQuantizationStepOfTheExactOnes() throws IOException {
        ModelConfig shape = families()
                .skip(2)
                .findFirst()
                .map(a -> (ModelConfig) a.get()[1])
                .orElseThrow();
        RandomModel.of("q", shape, Optional.empty(), DType.F32, 3).writeGguf(dir.resolve("f32.gguf"));
        RandomModel.of("q", shape, Optional.empty(), DType.Q8_0, 3).writeGguf(dir.resolve("q8.gguf"));
        try (ModelSource exact = ModelSource.open(dir.resolve("f32.gguf"));
                ModelSource quantized = ModelSource.open(dir.resolve("q8.gguf"))) {
            WeightName up = WeightName.of(WeightKind.FFN_UP, 1);
            assertThat(quantized.weight(up).dtype()).isEqualTo(DType.Q8_0);
            float[] x = exact.weight(up).toFloatArray();
            float[] q = quantized.weight(up).toFloatArray();
            float bound = (float) Math.sqrt(3.0 / 64) / 127; // half a step of the largest possible block scale
            for (int i = 0; i < x.length; i++) {
                assertThat(Math.abs(q[i] - x[i])).isLessThanOrEqualTo(bound * 1.01f);
            }
            WeightName norm = WeightName.of(WeightKind.FFN_NORM, 1);
            assertThat(quantized.weight(norm).dtype()).isEqualTo(DType.F32);
            assertThat(quantized.weight(norm).toFloatArray())
                    .containsExactly(exact.weight(norm).toFloatArray());
        }
    }

    @Test
    void shardedDirectoriesLoadLikeSingleFiles() throws IOException {
        ModelConfig shape = families()
                .skip(2)
                .findFirst()
                .map(a -> (ModelConfig) a.get()[1])
                .orElseThrow();
        RandomModel model = RandomModel.of("s", shape, Optional.empty(), DType.BF16, 5);
        model.writeHf(dir.resolve("single"));
        model.writeHf(dir.resolve("sharded"), 40_000);
        assertThat(dir.resolve("sharded/model.safetensors.index.json")).exists();
        try (Stream<Path> files = Files.list(dir.resolve("sharded"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".safetensors")).count())
                    .isGreaterThan(2);
        }
        try (ModelSource single = ModelSource.open(dir.resolve("single"));
                ModelSource sharded = ModelSource.open(dir.resolve("sharded"))) {
            assertThat(sharded.config()).isEqualTo(single.config());
            for (WeightSpec spec : WeightSchema.of(single.config())) {
                assertThat(sharded.weight(spec.name()).toFloatArray())
                        .containsExactly(single.weight(spec.name()).toFloatArray());
            }
        }
    }

    @Test
    void refusesWeightTypesAFormatCanNotHold() {
        ModelConfig shape = families()
                .skip(2)
                .findFirst()
                .map(a -> (ModelConfig) a.get()[1])
                .orElseThrow();
        RandomModel q8 = RandomModel.of("x", shape, Optional.empty(), DType.Q8_0, 1);
        assertThatThrownBy(() -> q8.writeHf(dir.resolve("hf"))).hasMessageContaining("F32, F16 or BF16");
        assertThatThrownBy(() -> RandomModel.of("x", shape, Optional.empty(), DType.Q4_K, 1))
                .hasMessageContaining("can not write Q4_K");
        ModelConfig oddRows = shape.toBuilder().ffnSize(200).build();
        assertThatThrownBy(() -> RandomModel.of("x", oddRows, Optional.empty(), DType.Q8_0, 1)
                        .writeGguf(dir.resolve("odd.gguf")))
                .hasMessageContaining("not whole Q8_0 blocks");
    }
}
