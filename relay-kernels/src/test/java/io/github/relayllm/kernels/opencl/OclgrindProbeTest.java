package io.github.relayllm.kernels.opencl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.relayllm.kernels.backend.BackendOptions;
import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.backend.contract.BackendDriver;
import io.github.relayllm.kernels.tensor.DType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OclgrindProbeTest {
    @Test
    void probe() throws Exception {
        assumeTrue(System.getenv("OCLGRIND_LOG") != null);
        Path log = Path.of(System.getenv("OCLGRIND_LOG"));
        try (OpenClBackend backend = new OpenClBackend(BackendOptions.defaults())) {
            BackendDriver driver = new BackendDriver(backend);
            Buffer in = driver.upload(DType.F32, new float[16], 2, 8);
            Buffer out = driver.zeros(DType.F32, 1, 8);
            Op gather = new Op.Gather(in, driver.ints(5), out);
            for (ClLaunch launch : ClLaunches.compile(List.of(gather), new Step(1, 1), backend.kernels())) {
                launch.enqueue(new Step(1, 1));
            }
            backend.context().finish();
            System.out.println("LOG SIZE IN PROCESS: " + Files.size(log));
        }
        System.out.println("LOG SIZE AFTER CLOSE: " + Files.size(log));
        assertThat(Files.size(log)).isPositive();
    }
}
