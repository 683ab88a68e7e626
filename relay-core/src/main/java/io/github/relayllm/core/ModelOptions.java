package io.github.relayllm.core;

import io.github.relayllm.kernels.backend.BackendOptions;
import io.github.relayllm.kernels.tensor.DType;
import java.util.Optional;

/**
 * How to load a model for running.
 *
 * @param backend the backend to create ({@code cpu} by default) when none is shared
 * @param threads worker threads of the backend
 * @param contextLimit the longest sequence, capped by the model's context length (0: 8192, or the
 *     model's context length if shorter)
 * @param cacheTokens tokens the KV cache holds over all sequences (0: one full context)
 * @param cacheType KV cache elements, F16 (llama.cpp's default) or F32
 * @param prefillChunk token rows per prefill step
 * @param maxBatch sequences per step, and rows of logits per step
 * @param device the device of a device backend (an index or a part of its name; empty: the backend's
 *     default)
 */
public record ModelOptions(
        String backend,
        int threads,
        int contextLimit,
        int cacheTokens,
        DType cacheType,
        int prefillChunk,
        int maxBatch,
        Optional<String> device) {

    /** The default context limit when the caller sets none: the relay protocol's 8192-token budget. */
    public static final int DEFAULT_CONTEXT_LIMIT = 8192;

    public ModelOptions {
        new BackendOptions(threads, device);
        if (contextLimit < 0 || cacheTokens < 0 || prefillChunk < 1 || maxBatch < 1) {
            throw new IllegalArgumentException(
                    "context limit and cache tokens must not be negative, prefill chunk and batch positive");
        }
        if (cacheType != DType.F16 && cacheType != DType.F32) {
            throw new IllegalArgumentException("the KV cache holds F16 or F32, not " + cacheType);
        }
    }

    /** The CPU backend on every core, an F16 cache for one sequence of up to 8192 tokens. */
    public static ModelOptions defaults() {
        return new ModelOptions(
                "cpu", Runtime.getRuntime().availableProcessors(), 0, 0, DType.F16, 256, 8, Optional.empty());
    }

    public ModelOptions withBackend(String value) {
        return new ModelOptions(value, threads, contextLimit, cacheTokens, cacheType, prefillChunk, maxBatch, device);
    }

    public ModelOptions withThreads(int value) {
        return new ModelOptions(backend, value, contextLimit, cacheTokens, cacheType, prefillChunk, maxBatch, device);
    }

    public ModelOptions withContextLimit(int value) {
        return new ModelOptions(backend, threads, value, cacheTokens, cacheType, prefillChunk, maxBatch, device);
    }

    public ModelOptions withCacheTokens(int value) {
        return new ModelOptions(backend, threads, contextLimit, value, cacheType, prefillChunk, maxBatch, device);
    }

    public ModelOptions withCacheType(DType value) {
        return new ModelOptions(backend, threads, contextLimit, cacheTokens, value, prefillChunk, maxBatch, device);
    }

    public ModelOptions withPrefillChunk(int value) {
        return new ModelOptions(backend, threads, contextLimit, cacheTokens, cacheType, value, maxBatch, device);
    }

    /** These options on the device {@code selector} (an index or a part of the device's name). */
    public ModelOptions withDevice(String selector) {
        return new ModelOptions(
                backend, threads, contextLimit, cacheTokens, cacheType, prefillChunk, maxBatch, Optional.of(selector));
    }

    /** What the backend is created with: the threads and the device. */
    public BackendOptions backendOptions() {
        return new BackendOptions(threads, device);
    }

    public ModelOptions withMaxBatch(int value) {
        return new ModelOptions(backend, threads, contextLimit, cacheTokens, cacheType, prefillChunk, value, device);
    }
}
