package io.github.relayllm.core.generate;

import io.github.relayllm.core.sampling.LogitProcessor;
import io.github.relayllm.core.sampling.SamplingParams;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to generate after a prompt: how many tokens at most, how to sample them, where to stop.
 *
 * @param maxTokens the token budget (at least 1)
 * @param sampling the sampling settings (temperature 0 is greedy)
 * @param stopStrings texts that end generation when they appear in the output, across tokens
 * @param keepStopString whether the stop string found is part of the output
 * @param stopAtEos whether an end-of-generation token ends generation (benchmarks turn this off)
 * @param logitProcessor a hook that may change the logits before each draw
 */
public record GenerationRequest(
        int maxTokens,
        SamplingParams sampling,
        List<String> stopStrings,
        boolean keepStopString,
        boolean stopAtEos,
        Optional<LogitProcessor> logitProcessor) {

    public GenerationRequest {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("max tokens must be at least 1: " + maxTokens);
        }
        Objects.requireNonNull(sampling, "sampling");
        stopStrings = List.copyOf(stopStrings);
        Objects.requireNonNull(logitProcessor, "logitProcessor");
    }

    /** Greedy decoding of up to {@code maxTokens} tokens, stopping at end-of-generation tokens. */
    public static GenerationRequest greedy(int maxTokens) {
        return new GenerationRequest(maxTokens, SamplingParams.GREEDY, List.of(), false, true, Optional.empty());
    }

    public GenerationRequest withSampling(SamplingParams value) {
        return new GenerationRequest(maxTokens, value, stopStrings, keepStopString, stopAtEos, logitProcessor);
    }

    public GenerationRequest withMaxTokens(int value) {
        return new GenerationRequest(value, sampling, stopStrings, keepStopString, stopAtEos, logitProcessor);
    }

    public GenerationRequest withStopStrings(List<String> value, boolean keep) {
        return new GenerationRequest(maxTokens, sampling, value, keep, stopAtEos, logitProcessor);
    }

    public GenerationRequest withStopAtEos(boolean value) {
        return new GenerationRequest(maxTokens, sampling, stopStrings, keepStopString, value, logitProcessor);
    }

    /** Runs {@code value} before each draw; {@link LogitProcessor#NONE} means no processor at all. */
    public GenerationRequest withLogitProcessor(LogitProcessor value) {
        Optional<LogitProcessor> processor = value == LogitProcessor.NONE ? Optional.empty() : Optional.of(value);
        return new GenerationRequest(maxTokens, sampling, stopStrings, keepStopString, stopAtEos, processor);
    }
}
