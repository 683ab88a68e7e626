package io.github.relayllm.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.relayllm.core.model.synth.RandomModel;
import io.github.relayllm.kernels.tensor.DType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Profiling a runner's steps groups the forward pass's ops by kind and weight role, counts the weight
 * bytes matmuls read, and leaves the logits exactly as an unprofiled step computes them.
 */
class OpProfileTest {
    private static final int LAYERS = 2;
    private static final int VOCAB = 512;

    @TempDir
    Path dir;

    @Test
    void groupsTheOpsOfEveryLayerAndKeepsTheLogits() throws IOException {
        Path model = dir.resolve("qwen3.gguf");
        RandomModel.of("profile", TinyQwen3.shape(LAYERS, VOCAB).build(), Optional.empty(), DType.Q8_0, 5)
                .writeGguf(model);
        try (LoadedModel loaded = LoadedModel.open(model, "cpu", LoadedModel.limits(16, 1));
                Session session = loaded.session()) {
            ModelRunner runner = loaded.runner();
            session.evaluate(new int[] {1, 2, 3});
            session.decode(4);
            float[] unprofiled = loaded.newLogits();
            session.readLogits(unprofiled);

            session.evaluate(new int[] {1, 2, 3});
            runner.startProfiling();
            session.decode(4);
            float[] profiled = loaded.newLogits();
            session.readLogits(profiled);
            session.decode(5);
            session.decode(6);
            OpProfile profile = runner.stopProfiling();

            assertThat(profiled).isEqualTo(unprofiled);
            assertThat(profile.steps()).isEqualTo(3);
            OpProfile.Line down = line(profile, "matmul", "ffn_down");
            assertThat(down.opsPerStep()).isEqualTo(LAYERS);
            // ffn_down is [hidden 64, ffn 128]: 64 rows of 4 Q8_0 blocks of 34 bytes, in each layer.
            assertThat(down.weightBytesPerStep()).isEqualTo(LAYERS * 64L * 4 * 34);
            assertThat(down.gigabytesPerSecond()).isPresent();
            assertThat(down.multiplyAddsPerStep()).as("one token row a step").isEqualTo(LAYERS * 64.0 * 128);
            // Qwen3 ties the output head to the embedding table: one matmul over the whole vocabulary.
            OpProfile.Line head = line(profile, "matmul", "token_embedding");
            assertThat(head.opsPerStep()).isOne();
            assertThat(head.weightBytesPerStep()).isEqualTo(VOCAB * 2L * 34);
            assertThat(line(profile, "attention", "").opsPerStep()).isEqualTo(LAYERS);
            assertThat(line(profile, "attention", "").gigabytesPerSecond()).isEmpty();
            assertThat(line(profile, "attention", "").gigaflopsPerSecond()).isEmpty();
            assertThat(line(profile, "rms_norm", "attention_q_norm").opsPerStep())
                    .isEqualTo(LAYERS);
            assertThat(profile.lines().stream()
                            .mapToInt(OpProfile.Line::opsPerStep)
                            .sum())
                    .isEqualTo(runner.opCount());
            assertThat(profile.lines().stream()
                            .mapToDouble(OpProfile.Line::share)
                            .sum())
                    .isCloseTo(1, within(1e-9));
            assertThat(profile.lines())
                    .extracting(OpProfile.Line::millisPerStep)
                    .isSortedAccordingTo((a, b) -> Double.compare(b, a));
            assertThat(profile.millisPerStep()).isPositive();
            assertThatThrownBy(runner::stopProfiling)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not started");
        }
    }

    private static OpProfile.Line line(OpProfile profile, String op, String weight) {
        return profile.lines().stream()
                .filter(line -> line.op().equals(op) && line.weight().equals(weight))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line %s %s in %s".formatted(op, weight, profile)));
    }
}
