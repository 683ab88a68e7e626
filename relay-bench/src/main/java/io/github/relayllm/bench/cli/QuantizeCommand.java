package io.github.relayllm.bench.cli;

import io.github.relayllm.core.model.synth.GgufQuantizer;
import io.github.relayllm.kernels.tensor.DType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code relay quantize IN OUT --dtype TYPE}: re-encodes the matrices of a GGUF file, as
 * llama.cpp's {@code llama-quantize} does, bit for bit with GGML's reference quantizers.
 */
@Command(
        name = "quantize",
        description = "Re-encode the weight matrices of a GGUF file (vectors keep their type).",
        mixinStandardHelpOptions = true)
final class QuantizeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "The GGUF model to read.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "The GGUF file to write.")
    Path output;

    @Option(
            names = "--dtype",
            required = true,
            paramLabel = "TYPE",
            description = "f32, f16, bf16, q8_0, q4_0, q4_1, q5_0 or q5_1.")
    String dtype;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DType type = DType.fromName(dtype)
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "unknown --dtype " + dtype));
        if (Files.exists(output) && Files.isSameFile(input, output)) {
            throw new ParameterException(spec.commandLine(), "OUT must differ from IN");
        }
        long start = System.nanoTime();
        GgufQuantizer.quantize(input, output, type);
        spec.commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "wrote %s: %s matrices, %s in %.1f s%n",
                        output,
                        type.name().toLowerCase(Locale.ROOT),
                        ByteSizes.format(Files.size(output)),
                        (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
