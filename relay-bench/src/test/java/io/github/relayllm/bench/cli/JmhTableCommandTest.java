package io.github.relayllm.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code relay jmh-table} on a real JMH result file ({@code jmh-results.json}: one short run each of a
 * matvec in us/op, an RMSNorm in ns/op, an attention in ms/op and the tokenizer in ops/s).
 */
class JmhTableCommandTest {
    @TempDir
    Path dir;

    private static Path fixture() throws URISyntaxException {
        return Path.of(JmhTableCommandTest.class.getResource("jmh-results.json").toURI());
    }

    @Test
    void printsOneRowPerResultWithGigabytesAndGigaflopsPerSecond() throws URISyntaxException {
        CliRun run = CliRun.relay("jmh-table", fixture().toString(), "--bandwidth", "29");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("Memory read bandwidth: 29.0 GB/s");
        assertThat(lines.get(2)).isEqualTo("| benchmark | params | time/op | GB/s | GFLOP/s | % of bandwidth |");
        assertThat(lines.get(3)).isEqualTo("| --- | --- | ---: | ---: | ---: | ---: |");
        assertThat(lines).hasSize(8);
        // 0.6B layer in Q8_0: 15,728,640 weights in 16,711,680 bytes, 90,112 bytes of activations, in 4495.8 us
        assertThat(lines.get(4))
                .isEqualTo("| MatMulKernelBenchmark.run | backend=cpu dtype=Q8_0 matrix=layer model=qwen3-0.6b rows=1"
                        + " | 4.50 ms | 3.74 | 7.00 | 13% |");
        // 3 x 1024 floats in 293.4 ns
        assertThat(lines.get(5)).startsWith("| RowOpKernelBenchmark.run |").contains("| 293 ns | 41.9 | 14.0 | 144% |");
        assertThat(lines.get(6))
                .startsWith("| AttentionKernelBenchmark.run |")
                .contains("| 415 ms | 0.00509 | 0.0101 |");
        assertThat(lines.get(7))
                .startsWith("| TokenizerEncodeBenchmark.encode |")
                .endsWith("| 74.5 us | - | - | - |");
    }

    @Test
    void convertsEveryUnitToSecondsPerOperation() throws IOException, URISyntaxException {
        List<JmhResult> results = JmhResult.read(fixture());
        assertThat(results).extracting(JmhResult::unit).containsExactly("us/op", "ns/op", "ms/op", "ops/s");
        assertThat(results.get(0).secondsPerOp()).isCloseTo(4495.800844e-6, within(1e-12));
        assertThat(results.get(1).secondsPerOp()).isCloseTo(293.4421320e-9, within(1e-15));
        assertThat(results.get(2).secondsPerOp()).isCloseTo(415.4434527e-3, within(1e-9));
        assertThat(results.get(3).secondsPerOp()).isCloseTo(1 / 13422.432186, within(1e-12));
    }

    @Test
    void withoutABandwidthThereIsNoShareColumnAndOutWritesTheFile() throws IOException, URISyntaxException {
        Path table = dir.resolve("table.md");
        CliRun run = CliRun.relay("jmh-table", fixture().toString(), "--out", table.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        List<String> lines = Files.readAllLines(table);
        assertThat(lines.get(0)).isEqualTo("| benchmark | params | time/op | GB/s | GFLOP/s |");
        assertThat(lines).hasSize(6);
    }

    @Test
    void aFileThatIsNotJsonIsOneErrorNamingIt() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), "# Run complete. Total time: 00:00:03\n");
        CliRun run = CliRun.relay("jmh-table", bad.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip())
                .startsWith("relay jmh-table: error: " + bad + " is not JSON")
                .doesNotContain("\n");
    }

    @Test
    void jsonThatIsNotAResultListIsAnErrorNamingTheFile() throws IOException {
        Path other = Files.writeString(dir.resolve("other.json"), "[{\"benchmark\": \"x.Y.z\"}]");
        CliRun run = CliRun.relay("jmh-table", other.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(other + ": entry 1 is not a JMH result: no primaryMetric");
    }

    @Test
    void theTwoBandwidthOptionsExcludeEachOther() throws URISyntaxException {
        CliRun run = CliRun.relay("jmh-table", fixture().toString(), "--bandwidth", "29", "--measure-bandwidth");
        assertThat(run.exitCode()).isEqualTo(2);
    }
}
