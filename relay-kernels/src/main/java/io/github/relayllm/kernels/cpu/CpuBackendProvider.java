package io.github.relayllm.kernels.cpu;

import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.BackendOptions;
import io.github.relayllm.kernels.backend.BackendProvider;
import io.github.relayllm.kernels.backend.DeviceInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jdk.incubator.vector.FloatVector;

/** Registers the {@link CpuBackend} as {@code cpu}; it runs on any machine with the Vector API module. */
public final class CpuBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return CpuBackend.NAME;
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    /** The host's processor: its model name (from {@code /proc/cpuinfo} where there is one) and vector width. */
    @Override
    public List<DeviceInfo> devices() {
        return List.of(new DeviceInfo(
                0,
                processorName(),
                "CPU",
                0,
                Runtime.getRuntime().availableProcessors(),
                Map.of("vector_bits", Integer.toString(FloatVector.SPECIES_PREFERRED.vectorBitSize()))));
    }

    @Override
    public Backend create(BackendOptions options) {
        return new CpuBackend(options);
    }

    private static String processorName() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try (Stream<String> lines = Files.lines(cpuinfo)) {
                return lines.filter(line -> line.startsWith("model name"))
                        .map(line -> line.substring(line.indexOf(':') + 1).strip())
                        .findFirst()
                        .orElse(System.getProperty("os.arch"));
            } catch (IOException e) {
                // Only a name for display: fall through to the architecture.
            }
        }
        return System.getProperty("os.arch");
    }
}
