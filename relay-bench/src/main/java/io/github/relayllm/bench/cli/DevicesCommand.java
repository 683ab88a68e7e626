package io.github.relayllm.bench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.relayllm.kernels.backend.BackendProvider;
import io.github.relayllm.kernels.backend.Backends;
import io.github.relayllm.kernels.backend.DeviceInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code relay devices}: every backend this build knows, whether it can run here (and why not), and
 * the devices it would run on, with the facts that choose kernel variants (fp16, sub-groups, limits).
 */
@Command(
        name = "devices",
        description = "List the backends and the devices they can run on.",
        mixinStandardHelpOptions = true)
final class DevicesCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;

    @Option(
            names = {"-v", "--verbose"},
            description = "Also print every detail of each device (extensions, versions).")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<BackendProvider> providers = Backends.providers();
        if (json) {
            JsonOutput.print(out, toJson(providers));
            return 0;
        }
        for (BackendProvider provider : providers) {
            boolean available = provider.isAvailable();
            out.printf(
                    "%s: %s%n",
                    provider.name(),
                    available
                            ? "available"
                            : "not available (" + provider.unavailableReason().orElse("") + ")");
            List<DeviceInfo> devices = provider.devices();
            if (devices.isEmpty()) {
                continue;
            }
            TextTable table = new TextTable(">#", "device", "type", ">memory", ">units", "details");
            for (DeviceInfo device : devices) {
                table.row(
                        device.index(),
                        device.name(),
                        device.type(),
                        device.memoryBytes() > 0 ? ByteSizes.format(device.memoryBytes()) : "-",
                        device.computeUnits(),
                        summary(device));
            }
            table.print(out, "  ");
            if (verbose) {
                for (DeviceInfo device : devices) {
                    out.printf("  device %d:%n", device.index());
                    device.details().forEach((key, value) -> out.printf("    %s: %s%n", key, value));
                }
            }
        }
        return 0;
    }

    /** The details that matter at a glance: platform, fp16, sub-groups, vector width. */
    private static String summary(DeviceInfo device) {
        StringBuilder text = new StringBuilder();
        for (String key : List.of("platform", "opencl_c", "fp16", "subgroups", "max_work_group", "vector_bits")) {
            String value = device.details().get(key);
            if (value != null) {
                text.append(text.isEmpty() ? "" : ", ").append(key).append('=').append(value);
            }
        }
        return text.toString();
    }

    private static ObjectNode toJson(List<BackendProvider> providers) {
        ObjectNode root = JsonOutput.object();
        ArrayNode backends = root.putArray("backends");
        for (BackendProvider provider : providers) {
            ObjectNode backend = backends.addObject();
            backend.put("name", provider.name());
            boolean available = provider.isAvailable();
            backend.put("available", available);
            provider.unavailableReason()
                    .ifPresentOrElse(r -> backend.put("reason", r), () -> backend.putNull("reason"));
            ArrayNode devices = backend.putArray("devices");
            for (DeviceInfo device : provider.devices()) {
                ObjectNode d = devices.addObject();
                d.put("index", device.index());
                d.put("name", device.name());
                d.put("type", device.type());
                d.put("memory_bytes", device.memoryBytes());
                d.put("compute_units", device.computeUnits());
                ObjectNode details = d.putObject("details");
                device.details().forEach(details::put);
            }
        }
        return root;
    }
}
