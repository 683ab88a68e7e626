package io.github.relayllm.bench.perf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bytes and flops the kernel benchmarks are credited with, worked out by hand. */
class KernelWorkTest {
    private static final String JMH = "io.github.relayllm.bench.jmh.";

    @Test
    void aMatvecReadsEveryWeightOnceAndDoesTwoFlopsPerWeight() {
        // 8B down: k 12288 -> n 4096; Q4_0 packs 32 weights in 18 bytes
        KernelWork work = KernelWork.of(
                        JMH + "MatMulKernelBenchmark.run",
                        Map.of("model", "qwen3-8b", "dtype", "Q4_0", "matrix", "down", "rows", "1"))
                .orElseThrow();
        assertThat(work.bytes()).isEqualTo(12288.0 * 4096 / 32 * 18 + (12288 + 4096) * 4);
        assertThat(work.flops()).isEqualTo(2.0 * 12288 * 4096);
    }

    @Test
    void aLayerIsItsSevenMatrices() {
        KernelWork work = KernelWork.of(
                        JMH + "MatMulKernelBenchmark.run",
                        Map.of("model", "qwen3-0.6b", "dtype", "F16", "matrix", "layer", "rows", "64"))
                .orElseThrow();
        long weights = 1024L * (2048 + 1024 + 1024) + 2048L * 1024 + 3L * 1024 * 3072;
        assertThat(work.flops()).isEqualTo(2.0 * 64 * weights);
        assertThat(work.bytes()).isEqualTo(2.0 * weights + 64.0 * 4 * (3072 + 2048 + 2048 + 3072 + 3 * 4096));
    }

    @Test
    void attentionReadsTheWholeF16Cache() {
        KernelWork work = KernelWork.of(
                        JMH + "AttentionKernelBenchmark.run",
                        Map.of("backend", "cpu", "model", "qwen3-8b", "context", "4096"))
                .orElseThrow();
        assertThat(work.bytes()).isEqualTo(2.0 * 4096 * 1024 * 2 + 2.0 * 4096 * 4);
        assertThat(work.flops()).isEqualTo(4.0 * 32 * 128 * 4096);
    }

    @Test
    void aPrefillChunkOfAttentionCountsEachRowsPositions() {
        KernelWork work = KernelWork.of(
                        JMH + "AttentionKernelBenchmark.run",
                        Map.of("backend", "cpu", "model", "qwen3-0.6b", "context", "128", "rows", "128"))
                .orElseThrow();
        // Rows 0..127 attend to 1..128 positions: 8,256 in all; 16 query heads of 128.
        assertThat(work.flops()).isEqualTo(4.0 * 16 * 128 * 8256);
        assertThat(work.bytes()).isEqualTo(2.0 * 128 * 1024 * 2 + 2.0 * 128 * 2048 * 4);
    }

    @Test
    void anArgmaxReadsEachRowOfLogitsOnce() {
        KernelWork work = KernelWork.of(
                        JMH + "RowOpKernelBenchmark.run", Map.of("model", "qwen3-0.6b", "op", "argmax", "rows", "2"))
                .orElseThrow();
        assertThat(work.bytes()).isEqualTo(2.0 * 151936 * 4 + 2 * 4);
        assertThat(work.flops()).isEqualTo(2.0 * 151936);
    }

    @Test
    void otherBenchmarksAreNotCounted() {
        assertThat(KernelWork.of(JMH + "TokenizerEncodeBenchmark.encode", Map.of()))
                .isEmpty();
    }

    @Test
    void aMissingParameterIsNamed() {
        assertThatThrownBy(() -> KernelWork.of(JMH + "RowOpKernelBenchmark.run", Map.of("model", "qwen3-8b")))
                .hasMessageContaining("missing parameter 'rows'");
    }
}
