package io.github.relayllm.kernels.opencl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.BackendOptions;
import io.github.relayllm.kernels.backend.Backends;
import io.github.relayllm.kernels.backend.Buffer;
import io.github.relayllm.kernels.backend.DeviceMemoryException;
import io.github.relayllm.kernels.backend.Op;
import io.github.relayllm.kernels.backend.RowCount;
import io.github.relayllm.kernels.backend.Step;
import io.github.relayllm.kernels.opcheck.BackendDriver;
import io.github.relayllm.kernels.opcheck.OpsCheck;
import io.github.relayllm.kernels.opcheck.Scenarios;
import io.github.relayllm.kernels.tensor.DType;
import io.github.relayllm.kernels.tensor.Shape;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the OpenCL backend does beyond the op contract: device selection, device memory running out,
 * build failures, the on-disk program cache, and the fallback from sub-group reductions.
 */
class OpenClBackendTest {
    @TempDir
    Path cache;

    @BeforeEach
    void requireDevice() {
        OpenClTestDevice.assumeAvailable();
    }

    @Test
    void selectsADeviceByIndexOrNameAndListsThemWhenNoneMatches() {
        OpenClDeviceInfo first = OpenClDevices.list().getFirst();
        String namePart =
                first.name().substring(0, Math.min(6, first.name().length())).toUpperCase(Locale.ROOT);
        for (String selector : List.of("0", namePart)) {
            try (OpenClBackend backend =
                    new OpenClBackend(BackendOptions.defaults().withDevice(selector))) {
                assertThat(backend.device().name()).as(selector).isNotBlank();
                assertThat(backend.description()).contains(backend.device().name());
            }
        }
        for (String selector : List.of("no such device", "99")) {
            assertThatThrownBy(() -> new OpenClBackend(BackendOptions.defaults().withDevice(selector)))
                    .isInstanceOf(OpenClUnavailableException.class)
                    .hasMessageContaining("no OpenCL device matches '" + selector + "'")
                    .hasMessageContaining(first.name());
        }
    }

    @Test
    void aBufferLargerThanTheDeviceAllowsIsAClearErrorAndTheBackendGoesOn() {
        try (OpenClBackend backend = new OpenClBackend(BackendOptions.defaults())) {
            long elements = backend.device().maxAllocationBytes() / Float.BYTES + 1024;
            assertThatThrownBy(() -> backend.allocate(DType.F32, Shape.of(elements)))
                    .isInstanceOf(DeviceMemoryException.class)
                    .hasMessageContaining(backend.device().name())
                    .hasMessageContaining("largest buffer")
                    .satisfies(e -> assertThat(((DeviceMemoryException) e).requestedBytes())
                            .isEqualTo(elements * Float.BYTES));
            Buffer small = backend.allocate(DType.F32, Shape.of(4));
            float[] back = {1, 1, 1, 1};
            backend.read(small, 0, MemorySegment.ofArray(back));
            assertThat(back).containsOnly(0f);
        }
    }

    @Test
    void aProgramThatDoesNotBuildThrowsWithItsBuildLog() {
        try (OpenClBackend backend = new OpenClBackend(BackendOptions.defaults())) {
            ClProgramSource broken = new ClProgramSource(List.of("broken.cl"), List.of());
            assertThatThrownBy(() -> backend.programs().program(broken))
                    .isInstanceOf(OpenClException.class)
                    .hasMessageContaining("clBuildProgram failed: CL_BUILD_PROGRAM_FAILURE (-11)")
                    .hasMessageContaining("broken.cl")
                    .hasMessageContaining("undeclared_identifier_in_broken_cl")
                    .satisfies(e -> assertThat(((OpenClException) e).call()).isEqualTo("clBuildProgram"));
        }
    }

    @Test
    void programsAreCachedOnDiskAndABadCachedBinaryIsRebuiltFromSource() throws IOException {
        withProperty(ClPrograms.CACHE_PROPERTY, cache.toString(), () -> {
            assertThat(addOnce()).containsExactly(3f, 5f);
            List<Path> binaries = cached();
            if (binaries.isEmpty()) {
                return; // a driver without program binaries: nothing to cache
            }
            for (Path binary : binaries) {
                Files.write(binary, new byte[] {1, 2, 3});
            }
            assertThat(addOnce()).containsExactly(3f, 5f);
            assertThat(cached())
                    .allSatisfy(binary -> assertThat(Files.size(binary)).isGreaterThan(3));
        });
    }

    @Test
    void subgroupReductionsThatDoNotBuildFallBackToLocalMemory() throws IOException {
        assumeTrue(
                !OpenClDevices.list().getFirst().hasSubgroups(),
                "the device has sub-groups: the forced build would not fail");
        withProperty(ClPrograms.SUBGROUPS_PROPERTY, "force", () -> {
            try (Backend backend = Backends.create("opencl", BackendOptions.defaults());
                    OpsCheck check = new OpsCheck(backend)) {
                assertThat(((OpenClBackend) backend).programs().deviceOptions()).contains("-DRELAY_SUBGROUPS");
                assertThat(check.checkAll(Scenarios.softmax()))
                        .allSatisfy(result -> assertThat(result.passed())
                                .as(result.toString())
                                .isTrue());
            }
        });
    }

    private static float[] addOnce() {
        try (OpenClBackend backend = new OpenClBackend(BackendOptions.defaults())) {
            BackendDriver driver = new BackendDriver(backend);
            Buffer a = driver.upload(DType.F32, new float[] {1, 2}, 1, 2);
            Buffer b = driver.upload(DType.F32, new float[] {2, 3}, 1, 2);
            driver.run(new Step(1, 1), new Op.Add(a, b, a, RowCount.TOKENS));
            return driver.readRows(a, 1)[0];
        }
    }

    private List<Path> cached() throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> f.toString().endsWith(".bin")).toList();
        }
    }

    private interface Body {
        void run() throws IOException;
    }

    private static void withProperty(String name, String value, Body body) throws IOException {
        String before = System.getProperty(name);
        System.setProperty(name, value);
        try {
            body.run();
        } finally {
            if (before == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, before);
            }
        }
    }
}
