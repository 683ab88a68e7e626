package io.github.relayllm.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.relayllm.kernels.testkit.SharedOracle;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Relay's logits against llama.cpp's on the same GGUF files ({@code ../shared/oracle/logits}): the
 * oracle's tokens are fed one position at a time, and every row is compared. Both CPU backends run
 * with f32 activations, so the Q8_0 model is compared with llama.cpp run on its dequantized weights.
 * The OpenCL backend runs where a device exists (PoCL in CI), and is skipped elsewhere.
 */
class OracleLogitsTest {
    private static final float TOLERANCE = 1e-3f;

    @ParameterizedTest
    @ValueSource(strings = {"reference", "cpu", "opencl"})
    void qwen3F32HasLlamaCppsArgmaxOnEveryRowAndItsLogits(String backend) throws IOException {
        compareArgmaxAndLastPromptRow("qwen3-oracle-small-f32", "qwen3-oracle-small-f32", backend);
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "cpu", "opencl"})
    void qwen3Q8_0MatchesLlamaCppOnTheDequantizedWeights(String backend) throws IOException {
        compareArgmaxAndLastPromptRow("qwen3-oracle-small-q8_0", "qwen3-oracle-small-q8_0-dq-f32", backend);
    }

    private void compareArgmaxAndLastPromptRow(String model, String oracleName, String backend) throws IOException {
        OracleRun oracle = OracleRun.load(oracleName);
        try (LoadedModel loaded = LoadedModel.open(
                        SharedOracle.require("oracle/models/" + model + ".gguf"), backend, LoadedModel.limits(8, 1));
                Session session = loaded.session()) {
            float[] logits = loaded.newLogits();
            int[] fed = oracle.fedTokens();
            for (int row = 0; row < fed.length; row++) {
                session.evaluate(Arrays.copyOf(fed, row + 1));
                assertThat(session.argmax()).as("argmax of row %d", row).isEqualTo(oracle.argmax()[row]);
                if (row == oracle.promptLength() - 1) {
                    session.readLogits(logits);
                    assertThat(maxAbsDifference(logits, oracle.lastPromptRowLogits(logits.length)))
                            .as("max abs difference of the last prompt row")
                            .isLessThan(TOLERANCE);
                }
            }
        }
    }

    /**
     * The whole prompt in one step of 23 tokens: device backends take their prefill kernels (tiled
     * matmul, causal attention over many rows) rather than the decode ones the row-by-row tests use.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cpu", "opencl"})
    void qwen3PromptPrefilledInOneStepHasLlamaCppsLastRow(String backend) throws IOException {
        for (String[] pair : new String[][] {
            {"qwen3-oracle-small-f32", "qwen3-oracle-small-f32"},
            {"qwen3-oracle-small-q8_0", "qwen3-oracle-small-q8_0-dq-f32"}
        }) {
            OracleRun oracle = OracleRun.load(pair[1]);
            try (LoadedModel loaded = LoadedModel.open(
                            SharedOracle.require("oracle/models/" + pair[0] + ".gguf"),
                            backend,
                            LoadedModel.limits(32, 1));
                    Session session = loaded.session()) {
                float[] logits = loaded.newLogits();
                session.evaluate(oracle.promptTokens());
                assertThat(session.argmax())
                        .as("%s argmax of the last prompt row", pair[0])
                        .isEqualTo(oracle.argmax()[oracle.promptLength() - 1]);
                session.readLogits(logits);
                assertThat(maxAbsDifference(logits, oracle.lastPromptRowLogits(logits.length)))
                        .as("%s max abs difference of the last prompt row", pair[0])
                        .isLessThan(TOLERANCE);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "cpu", "opencl"})
    void stories260KRowsMatchAndGreedyDecodingWritesLlamaCppsStory(String backend) throws IOException {
        OracleRun oracle = OracleRun.load("stories260K");
        try (LoadedModel loaded = LoadedModel.open(
                        SharedOracle.require("oracle/models/stories260K.gguf"), backend, LoadedModel.limits(8, 1));
                Session session = loaded.session()) {
            float[] logits = loaded.newLogits();
            int[] fed = oracle.fedTokens();
            for (int row = 0; row < fed.length; row++) {
                session.evaluate(Arrays.copyOf(fed, row + 1));
                session.readLogits(logits);
                assertThat(maxAbsDifference(logits, oracle.allRowsLogits(row, logits.length)))
                        .as("row %d", row)
                        .isLessThan(TOLERANCE);
            }
        }
        try (LoadedModel loaded = LoadedModel.open(
                        SharedOracle.require("oracle/models/stories260K.gguf"), backend, LoadedModel.limits(8, 1));
                Session session = loaded.session()) {
            session.evaluate(oracle.promptTokens());
            int[] generated = new int[oracle.greedy().length];
            for (int i = 0; i < generated.length; i++) {
                generated[i] = session.argmax();
                session.decode(generated[i]);
            }
            assertThat(generated).containsExactly(oracle.greedy());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "cpu", "opencl"})
    void llama2TinyRandomF16RowsMatchLlamaCpp(String backend) throws IOException {
        OracleRun oracle = OracleRun.load("llama-2-tiny-random");
        try (LoadedModel loaded = LoadedModel.open(
                        SharedOracle.require("oracle/models/llama-2-tiny-random.gguf"),
                        backend,
                        LoadedModel.limits(8, 1));
                Session session = loaded.session()) {
            float[] logits = loaded.newLogits();
            int[] fed = oracle.fedTokens();
            for (int row = 0; row < fed.length; row++) {
                session.evaluate(Arrays.copyOf(fed, row + 1));
                session.readLogits(logits);
                assertThat(maxAbsDifference(logits, oracle.allRowsLogits(row, logits.length)))
                        .as("row %d", row)
                        .isLessThan(TOLERANCE);
            }
        }
    }

    static float maxAbsDifference(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
