package io.github.relayllm.bench.cli;

import io.github.relayllm.core.sampling.SamplingParams;
import picocli.CommandLine.Option;

/** Sampling options, with llama.cpp's defaults; {@code --temperature 0} is greedy. */
final class SamplingOptionsMixin {
    @Option(names = "--temperature", defaultValue = "0.8", description = "0 is greedy (default: ${DEFAULT-VALUE}).")
    float temperature;

    @Option(names = "--top-k", defaultValue = "40", description = "0 is off (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--top-p", defaultValue = "0.95", description = "1 is off (default: ${DEFAULT-VALUE}).")
    float topP;

    @Option(names = "--min-p", defaultValue = "0.05", description = "0 is off (default: ${DEFAULT-VALUE}).")
    float minP;

    @Option(names = "--repeat-penalty", defaultValue = "1.0", description = "1 is off (default: ${DEFAULT-VALUE}).")
    float repeatPenalty;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the sampler (default: ${DEFAULT-VALUE}).")
    long seed;

    SamplingParams toParams() {
        return SamplingParams.DEFAULT
                .withTemperature(temperature)
                .withTopK(topK)
                .withTopP(topP)
                .withMinP(minP)
                .withRepetitionPenalty(repeatPenalty)
                .withSeed(seed);
    }
}
