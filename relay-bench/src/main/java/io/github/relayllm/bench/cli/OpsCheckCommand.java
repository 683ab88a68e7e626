package io.github.relayllm.bench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.relayllm.kernels.backend.Backend;
import io.github.relayllm.kernels.backend.BackendOptions;
import io.github.relayllm.kernels.backend.Backends;
import io.github.relayllm.kernels.opcheck.OpCheckResult;
import io.github.relayllm.kernels.opcheck.OpScenario;
import io.github.relayllm.kernels.opcheck.OpsCheck;
import io.github.relayllm.kernels.opcheck.Scenarios;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code relay ops-check --backend opencl --small}: the comparison of the backend contract tests as a
 * self-test for any machine, test classes or not. Every op of a grid of random inputs runs on the
 * backend and on the reference backend; the table gives each scenario's NMSE against its limit (exact
 * for lookups, copies and argmax). Exit code 0 when every scenario passes, 1 otherwise.
 *
 * <p>With {@code --json}: one document {@code {backend, device, description, results: [{op, dtype,
 * shape, nmse, tolerance, passed, error}], passed, total}}, where {@code device} is the selector given
 * (null for the default), {@code nmse} is null when there is no finite value (the backend threw, or
 * produced NaNs), and {@code error} is null unless the row failed for a reason the NMSE does not
 * give.
 */
@Command(
        name = "ops-check",
        description = "Check a backend's ops against the reference backend on random data.",
        mixinStandardHelpOptions = true,
        sortOptions = false)
final class OpsCheckCommand implements Callable<Integer> {
    @Option(
            names = "--backend",
            paramLabel = "NAME",
            defaultValue = "cpu",
            description = "Backend to check: cpu, opencl, ... (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(
            names = "--device",
            paramLabel = "SEL",
            description = "Device of a device backend: an index or part of its name (default: the backend's).")
    String device;

    @Option(
            names = {"-t", "--threads"},
            description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(
            names = "--op",
            paramLabel = "NAME",
            description = "Check only this op; repeatable. MatMul, Embed, RmsNorm, Rope, Add, SwiGlu, Softmax, "
                    + "Argmax, Gather, StoreKv, Attention, in any case.")
    List<String> ops = new ArrayList<>();

    @Option(
            names = "--small",
            description = "Only small shapes (about 85 scenarios instead of 202), for a slow device such as "
                    + "the oclgrind simulator.")
    boolean small;

    @Option(names = "--json", description = "Print one JSON document instead of the table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<OpScenario> scenarios = Scenarios.ofOps(small ? Scenarios.small() : Scenarios.all(), ops);
        BackendOptions options = BackendOptions.defaults();
        if (threads != null) {
            options = options.withThreads(threads);
        }
        if (device != null) {
            options = options.withDevice(device);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Backend checked = Backends.create(backend, options);
                OpsCheck check = new OpsCheck(checked)) {
            PrintWriter log = json ? spec.commandLine().getErr() : out;
            log.println(checked.name() + ": " + checked.description());
            log.flush();
            List<OpCheckResult> results = check.checkAll(scenarios);
            if (json) {
                JsonOutput.print(out, toJson(checked.name(), checked.description(), results));
            } else {
                printText(out, results);
            }
            return results.stream().allMatch(OpCheckResult::passed) ? 0 : ErrorReporter.EXIT_ERROR;
        }
    }

    private ObjectNode toJson(String name, String description, List<OpCheckResult> results) {
        ObjectNode root = JsonOutput.object();
        root.put("backend", name);
        if (device != null) {
            root.put("device", device);
        } else {
            root.putNull("device");
        }
        root.put("description", description);
        ArrayNode rows = root.putArray("results");
        for (OpCheckResult r : results) {
            ObjectNode row = rows.addObject();
            row.put("op", r.op());
            row.put("dtype", r.dtype().name());
            row.put("shape", r.shape());
            if (Double.isFinite(r.nmse())) {
                row.put("nmse", r.nmse());
            } else {
                row.putNull("nmse");
            }
            row.put("tolerance", r.tolerance());
            row.put("passed", r.passed());
            r.error().ifPresentOrElse(e -> row.put("error", e), () -> row.putNull("error"));
        }
        root.put("passed", passed(results));
        root.put("total", results.size());
        return root;
    }

    private static void printText(PrintWriter out, List<OpCheckResult> results) {
        TextTable table = new TextTable("op", "dtype", "shape", ">NMSE", ">limit", "result");
        for (OpCheckResult r : results) {
            table.row(
                    r.op(),
                    r.dtype(),
                    r.shape(),
                    nmse(r),
                    r.exact() ? "exact" : scientific(r.tolerance()),
                    r.passed() ? "pass" : "FAIL");
        }
        table.print(out, "");
        List<OpCheckResult> explained =
                results.stream().filter(r -> r.error().isPresent()).toList();
        if (!explained.isEmpty()) {
            out.println();
            for (OpCheckResult r : explained) {
                out.printf(
                        "%s %s %s: %s%n",
                        r.op(), r.dtype(), r.shape(), r.error().orElseThrow());
            }
        }
        out.printf("%d of %d passed%n", passed(results), results.size());
    }

    private static String nmse(OpCheckResult result) {
        double nmse = result.nmse();
        if (nmse == 0) {
            return "0";
        }
        return Double.isFinite(nmse) ? scientific(nmse) : Double.toString(nmse);
    }

    private static String scientific(double value) {
        return String.format(Locale.ROOT, "%.1e", value);
    }

    private static long passed(List<OpCheckResult> results) {
        return results.stream().filter(OpCheckResult::passed).count();
    }
}
