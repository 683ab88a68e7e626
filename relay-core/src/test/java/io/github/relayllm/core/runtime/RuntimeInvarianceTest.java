package io.github.relayllm.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.relayllm.core.model.Architecture;
import io.github.relayllm.core.model.ModelConfig;
import io.github.relayllm.core.model.RopeScaling;
import io.github.relayllm.core.model.synth.RandomModel;
import io.github.relayllm.kernels.tensor.DType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What makes results independent of scheduling (DESIGN.md §6): on the CPU backend a row's logits are
 * bit-identical whether its prompt is prefilled at once, in chunks or token by token, whether its
 * prefix came from the cache or was computed, and whether it is decoded alone or in a batch with
 * other sequences whose blocks interleave with its own.
 */
class RuntimeInvarianceTest {
    @TempDir
    static Path dir;

    private static Path qwen3;
    private static Path llamaGguf;
    private static Path llamaHf;

    @BeforeAll
    static void writeModels() throws IOException {
        ModelConfig qwen = ModelConfig.builder(Architecture.QWEN3)
                .vocabSize(300)
                .hiddenSize(64)
                .layerCount(2)
                .heads(4, 2)
                .headDim(32)
                .ffnSize(128)
                .ropeTheta(1_000_000)
                .tiedEmbeddings(true)
                .build();
        qwen3 = dir.resolve("qwen3.gguf");
        RandomModel.of("qwen3", qwen, Optional.empty(), DType.Q8_0, 11).writeGguf(qwen3);
        ModelConfig llama = ModelConfig.builder(Architecture.LLAMA)
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
        RandomModel llamaModel = RandomModel.of("llama", llama, Optional.empty(), DType.F32, 12);
        llamaGguf = dir.resolve("llama.gguf");
        llamaHf = dir.resolve("llama-hf");
        llamaModel.writeGguf(llamaGguf);
        llamaModel.writeHf(llamaHf);
    }

    private static int[] prompt(int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return random.ints(length, 3, 256).toArray();
    }

    private static float[] lastLogits(Path model, int chunk, int[] prompt) throws IOException {
        try (LoadedModel loaded = LoadedModel.open(model, "cpu", LoadedModel.limits(chunk, 1));
                Session session = loaded.session()) {
            session.evaluate(prompt);
            float[] logits = loaded.newLogits();
            session.readLogits(logits);
            return logits;
        }
    }

    @Test
    void prefillAtOnceInChunksAndTokenByTokenGiveIdenticalLogits() throws IOException {
        int[] prompt = prompt(45, 1);
        float[] atOnce = lastLogits(qwen3, 64, prompt);
        assertThat(lastLogits(qwen3, 7, prompt)).containsExactly(atOnce);
        assertThat(lastLogits(qwen3, 16, prompt)).containsExactly(atOnce);
        try (LoadedModel loaded = LoadedModel.open(qwen3, "cpu", LoadedModel.limits(8, 1));
                Session session = loaded.session()) {
            for (int length = 1; length <= prompt.length; length++) {
                assertThat(session.evaluate(Arrays.copyOf(prompt, length))).isEqualTo(1);
            }
            float[] tokenByToken = loaded.newLogits();
            session.readLogits(tokenByToken);
            assertThat(tokenByToken).containsExactly(atOnce);
        }
    }

    @Test
    void aReusedPrefixGivesTheLogitsOfAFreshPrefill() throws IOException {
        int[] shared = prompt(30, 2);
        int[] first = concat(shared, prompt(10, 3));
        int[] second = concat(shared, prompt(12, 4));
        try (LoadedModel loaded = LoadedModel.open(qwen3, "cpu", LoadedModel.limits(16, 1));
                Session session = loaded.session()) {
            session.evaluate(first);
            assertThat(session.evaluate(second)).as("positions computed").isEqualTo(12);
            float[] reused = loaded.newLogits();
            session.readLogits(reused);
            assertThat(reused).containsExactly(lastLogits(qwen3, 16, second));
        }
    }

    @Test
    void sequencesBatchedWithInterleavedBlocksDecodeExactlyAsAlone() throws IOException {
        int[][] prompts = {prompt(37, 5), prompt(20, 6), prompt(51, 7)};
        int steps = 12;
        float[][][] alone = new float[3][steps][];
        for (int s = 0; s < 3; s++) {
            try (LoadedModel loaded = LoadedModel.open(qwen3, "cpu", LoadedModel.limits(16, 3));
                    Session session = loaded.session()) {
                session.evaluate(prompts[s]);
                for (int step = 0; step < steps; step++) {
                    alone[s][step] = loaded.newLogits();
                    session.readLogits(alone[s][step]);
                    session.decode(nextToken(s, step));
                }
            }
        }
        try (LoadedModel loaded = LoadedModel.open(qwen3, "cpu", LoadedModel.limits(16, 3))) {
            List<Session> sessions = List.of(loaded.session(), loaded.session(), loaded.session());
            // Prefill in turns of 5 tokens so that the three sequences' blocks interleave in the pool.
            for (int end = 5; end < 60; end += 5) {
                for (int s = 0; s < 3; s++) {
                    sessions.get(s).evaluate(Arrays.copyOf(prompts[s], Math.min(end, prompts[s].length)));
                }
            }
            assertThat(blocksAreInterleaved(sessions)).isTrue();
            float[] logits = loaded.newLogits();
            for (int step = 0; step < steps; step++) {
                int[] tokens = new int[3];
                for (int s = 0; s < 3; s++) {
                    if (step > 0) {
                        tokens[s] = nextToken(s, step - 1);
                    }
                }
                if (step > 0) {
                    Session.decodeTogether(sessions, tokens);
                } else {
                    // The first logits come from each prompt's last prefill; re-evaluate to read them.
                    for (int s = 0; s < 3; s++) {
                        sessions.get(s).evaluate(prompts[s]);
                        sessions.get(s).readLogits(logits);
                        assertThat(logits).as("sequence %d after its prompt", s).containsExactly(alone[s][0]);
                    }
                    continue;
                }
                for (int s = 0; s < 3; s++) {
                    sessions.get(s).readLogits(logits);
                    assertThat(logits).as("sequence %d, step %d", s, step).containsExactly(alone[s][step]);
                }
            }
            sessions.forEach(Session::close);
            assertThat(loaded.pool().usedBlocks()).isZero();
        }
    }

    @Test
    void theSameModelAsGgufAndAsHuggingFaceGivesTheSameLogits() throws IOException {
        int[] prompt = prompt(25, 8);
        float[] gguf = lastLogits(llamaGguf, 32, prompt);
        float[] hf = lastLogits(llamaHf, 32, prompt);
        // Llama GGUF rows are permuted for adjacent RoPE pairs, which reorders the sums within a head.
        assertThat(OracleLogitsTest.maxAbsDifference(gguf, hf)).isLessThan(1e-4f);
    }

    private static int nextToken(int sequence, int step) {
        return 10 + 7 * sequence + step;
    }

    /** Whether some sequence's blocks are not consecutive in the pool. */
    private static boolean blocksAreInterleaved(List<Session> sessions) {
        for (Session session : sessions) {
            int[] blocks = session.blocks();
            for (int i = 1; i < blocks.length; i++) {
                if (blocks[i] != blocks[i - 1] + 1) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
