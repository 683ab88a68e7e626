package io.github.relayllm.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.relayllm.core.kv.ContextLengthExceededException;
import io.github.relayllm.core.model.synth.RandomModel;
import io.github.relayllm.kernels.tensor.DType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input to a session fails with an exception that says what is wrong, before or instead of a
 * step, and leaves the session as it was: it keeps its tokens and computes the same logits after.
 */
class BadStepInputTest {
    private static final int VOCABULARY = 320;
    private static final int CONTEXT = 64;

    @TempDir
    static Path dir;

    private static Path model;

    @BeforeAll
    static void writeModel() throws IOException {
        model = dir.resolve("model.gguf");
        var shape = TinyQwen3.shape(2, VOCABULARY).contextLength(CONTEXT).build();
        RandomModel.of("bad-input", shape, Optional.empty(), DType.Q8_0, 5).writeGguf(model);
    }

    @ParameterizedTest(name = "{0} backend")
    @ValueSource(strings = {"reference", "cpu", "opencl"})
    void rejectsBadInputAndKeepsItsState(String backend) throws IOException {
        try (LoadedModel loaded = LoadedModel.open(model, backend, LoadedModel.limits(16, 1));
                Session session = loaded.session()) {
            session.evaluate(new int[] {1, 2, 3});
            float[] before = loaded.newLogits();
            session.readLogits(before);

            assertThatThrownBy(() -> session.evaluate(new int[0]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("empty");
            assertThatThrownBy(() -> session.decode(VOCABULARY))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("token id " + VOCABULARY)
                    .hasMessageContaining("vocabulary of " + VOCABULARY);
            assertThatThrownBy(() -> session.evaluate(new int[] {1, 2, 3, -4}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-4");
            assertThatThrownBy(() -> session.evaluate(new int[CONTEXT + 1]))
                    .isInstanceOf(ContextLengthExceededException.class)
                    .hasMessageContaining("" + CONTEXT);

            assertThat(session.tokens()).containsExactly(1, 2, 3);
            session.evaluate(new int[] {1, 2, 3});
            float[] after = loaded.newLogits();
            session.readLogits(after);
            assertThat(after).isEqualTo(before);
        }
    }
}
