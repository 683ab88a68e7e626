package io.github.relayllm.bench.cli;

import io.github.relayllm.core.ModelOptions;
import io.github.relayllm.kernels.tensor.DType;
import picocli.CommandLine.Option;

/** The options of every command that runs a model: backend, threads, context and KV cache. */
final class ModelOptionsMixin {
    @Option(
            names = "--backend",
            defaultValue = "cpu",
            description = "cpu, opencl or reference; `relay devices` lists what runs here (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(
            names = "--device",
            paramLabel = "SEL",
            description = "The device of a device backend: an index or a part of its name (see `relay devices`).")
    String device;

    @Option(
            names = {"-t", "--threads"},
            description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(
            names = {"-c", "--ctx"},
            paramLabel = "N",
            description = "Context limit in tokens (default: 8192 or the model's).")
    int context;

    @Option(
            names = "--kv-type",
            paramLabel = "TYPE",
            defaultValue = "f16",
            description = "KV cache type: f16 or f32 (default: ${DEFAULT-VALUE}).")
    String kvType;

    @Option(
            names = {"-b", "--batch"},
            paramLabel = "N",
            defaultValue = "256",
            description = "Prefill chunk in tokens (default: ${DEFAULT-VALUE}).")
    int prefillChunk;

    @Option(
            names = "--cache-tokens",
            paramLabel = "N",
            description = "KV cache of each model in tokens, shared by all its sequences (default: one context);"
                    + " size it for --concurrency.")
    int cacheTokens;

    @Option(
            names = "--max-batch",
            paramLabel = "N",
            defaultValue = "8",
            description = "Most sequences one decode step holds (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    ModelOptions toOptions() {
        DType cacheType = DType.fromName(kvType)
                .filter(t -> t == DType.F16 || t == DType.F32)
                .orElseThrow(() -> new IllegalArgumentException("--kv-type must be f16 or f32, not " + kvType));
        ModelOptions options = ModelOptions.defaults()
                .withBackend(backend)
                .withContextLimit(context)
                .withCacheType(cacheType)
                .withPrefillChunk(prefillChunk)
                .withCacheTokens(cacheTokens)
                .withMaxBatch(maxBatch);
        if (device != null) {
            options = options.withDevice(device);
        }
        return threads != null ? options.withThreads(threads) : options;
    }
}
