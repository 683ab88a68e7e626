package io.github.relayllm.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.relayllm.bench.eval.report.RunFolderFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsMarkdownAndWritesTheThreeFilesIntoTheFolder() throws IOException {
        RunFolderFixture.write(dir);
        CliRun run = CliRun.relay("report", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("# Evaluation report: ").contains("| **Average (2)** | 6 | 50.00 |");
        assertThat(Files.readString(dir.resolve("report.md"))).isEqualTo(run.out());
        assertThat(Files.readString(dir.resolve("report.json"))).contains("\"policy\" : \"relay\"");
        assertThat(Files.readString(dir.resolve("report.svg")))
                .startsWith("<?xml")
                .contains("<svg");

        CliRun again = CliRun.relay("report", dir.toString());
        assertThat(again.out()).as("its own outputs are not read as runs").isEqualTo(run.out());
    }

    @Test
    void jsonGoesToStdoutAndFilesToOut() throws IOException {
        RunFolderFixture.write(dir);
        Path out = dir.resolve("elsewhere/report");
        CliRun run = CliRun.relay("report", dir.toString(), "--out", out.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json()
                        .get("policies")
                        .get(0)
                        .get("average")
                        .get("call_ratio")
                        .asDouble())
                .isCloseTo(0.09, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(out.resolve("report.md")).exists();
        assertThat(out.resolve("report.json")).exists();
        assertThat(out.resolve("report.svg")).exists();
        assertThat(dir.resolve("report.md")).doesNotExist();
    }

    @Test
    void badInputIsOneClearErrorAndExitOne() throws IOException {
        CliRun empty = CliRun.relay("report", dir.toString());
        assertThat(empty.exitCode()).isEqualTo(1);
        assertThat(empty.err().strip())
                .isEqualTo("relay report: error: " + dir
                        + ": no <dataset>.<policy>.jsonl run files with finished requests");

        Path bad = Files.writeString(dir.resolve("gsm8k.slm.jsonl"), "{\"correct\": true}\n");
        CliRun missing = CliRun.relay("report", dir.toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err())
                .contains(bad + ":1: missing field \"correct_reference\"")
                .doesNotContain("bug");
        assertThat(missing.out()).isEmpty();
    }
}
