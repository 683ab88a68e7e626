package io.github.relayllm.kernels.opencl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.relayllm.kernels.backend.BackendOptions;
import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.opcheck.BackendDriver;
import io.github.relayllm.kernels.opcheck.OpCheckResult;
import io.github.relayllm.kernels.opcheck.OpsCheck;
import io.github.relayllm.kernels.opcheck.Scenarios;
import io.github.relayllm.kernels.tensor.DType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenCL kernels under oclgrind, the OpenCL device simulator, with its out-of-bounds, data-race,
 * uninitialized-value and API checks on. Runs only in the {@code opencl-oclgrind} surefire execution,
 * which makes oclgrind the only OpenCL platform ({@code OCL_ICD_VENDORS}) and points {@code
 * OCLGRIND_LOG} at a file: oclgrind writes what it finds there as it finds it and never fails a call,
 * so these tests read the log. The small op grid must pass and add nothing to it; a deliberate
 * out-of-bounds read must add a report, which shows the checks are live.
 */
class OclgrindTest {
    private Path log;

    @BeforeEach
    void requireOclgrind() {
        String logName = System.getenv("OCLGRIND_LOG");
        assumeTrue(logName != null, "runs in the opencl-oclgrind surefire execution, which sets OCLGRIND_LOG");
        assumeTrue(
                Files.isRegularFile(Path.of("/usr/lib/oclgrind/liboclgrind-rt-icd.so")),
                "oclgrind is not installed (apt-get install oclgrind; .ci/run does)");
        assumeTrue(OpenClDevices.available(), "no OpenCL platform: the oclgrind ICD did not load");
        assertThat(OpenClDevices.list())
                .singleElement()
                .satisfies(device -> assertThat(device.platform()).startsWith("Oclgrind"));
        log = Path.of(logName);
    }

    @Test
    void theSmallOpGridPassesWithoutAReport() throws IOException {
        long before = logSize();
        List<OpCheckResult> results;
        try (OpenClBackend backend = new OpenClBackend(BackendOptions.defaults());
                OpsCheck check = new OpsCheck(backend)) {
            results = check.checkAll(Scenarios.small());
        }
        assertThat(results).isNotEmpty();
        assertThat(results.stream().filter(r -> !r.passed()).map(OpCheckResult::toString))
                .as("scenarios that failed under oclgrind")
                .isEmpty();
        assertThat(newReports(before)).as("oclgrind's reports").isEmpty();
    }

    @Test
    void anOutOfBoundsReadIsReported() throws IOException {
        long before = logSize();
        try (OpenClBackend backend = new OpenClBackend(BackendOptions.defaults())) {
            BackendDriver driver = new BackendDriver(backend);
            Buffer in = driver.upload(DType.F32, new float[16], 2, 8);
            Buffer out = driver.zeros(DType.F32, 1, 8);
            // Row 5 of a 2-row buffer: a plan would refuse it on the host, so launch past the plan.
            Op gather = new Op.Gather(in, driver.ints(5), out);
            Step step = new Step(1, 1);
            for (ClLaunch launch : ClLaunches.compile(List.of(gather), step, backend.kernels())) {
                launch.enqueue(step);
                launch.kernels().forEach(ClKernel::close);
            }
            backend.context().finish();
        }
        assertThat(newReports(before)).contains("Invalid read").contains("Kernel: gather");
    }

    private long logSize() throws IOException {
        return Files.exists(log) ? Files.size(log) : 0;
    }

    private String newReports(long from) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        byte[] all = Files.readAllBytes(log);
        // oclgrind truncates the log when the first OpenCL call of the JVM loads it, so a log left by an
        // earlier build is shorter afterwards: then everything in it is new.
        int start = all.length < from ? 0 : (int) from;
        return new String(all, start, all.length - start, StandardCharsets.UTF_8).strip();
    }
}
