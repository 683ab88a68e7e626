package io.github.relayllm.core.relay.remote;

import io.github.relayllm.core.sampling.SamplingParams;
import java.util.Objects;

/**
 * Asks an OpenAI-compatible {@code /v1/completions} endpoint (vLLM, SGLang, llama.cpp's server, TGI)
 * for a continuation, the way the RelayLLM reference asks its LLM: one non-streaming request per
 * call, no stop strings.
 *
 * <pre>{@code
 * try (var llm = new OpenAiCompletionsClient(RemoteLlmOptions.of(URI.create("http://127.0.0.1:8000")))) {
 *     RemoteCompletion next = llm.complete(context, 64, SamplingParams.GREEDY);
 * }
 * }</pre>
 *
 * <p>Never hangs, and retries what another attempt may fix: see {@link RetryingHttpClient}, which
 * carries the requests; a 200 that is no completion is not retried.
 *
 * <p>Thread-safe: one client serves concurrent calls, over HTTP/1.1 connections it keeps alive
 * between them. Cost per call: one JSON body built and one parsed, besides the server's time.
 */
public final class OpenAiCompletionsClient implements AutoCloseable {
    private final RemoteLlmOptions options;
    private final RetryingHttpClient http;

    public OpenAiCompletionsClient(RemoteLlmOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.http = new RetryingHttpClient(options);
    }

    public RemoteLlmOptions options() {
        return options;
    }

    /**
     * Up to {@code maxTokens} tokens after a text prompt, which the server tokenizes (vLLM and SGLang
     * add the model's BOS when it has one, and parse special tokens written in the text).
     *
     * @throws IllegalArgumentException for {@code maxTokens < 1}, or sampling knobs with no portable
     *     form on the wire (penalties, logit biases)
     * @throws RemoteLlmException when no attempt gave a completion
     */
    public RemoteCompletion complete(String prompt, int maxTokens, SamplingParams sampling) throws RemoteLlmException {
        Objects.requireNonNull(prompt, "prompt");
        return post(prompt, maxTokens, sampling);
    }

    /**
     * Up to {@code maxTokens} tokens after a prompt of token ids in the server model's vocabulary,
     * fed as given (no BOS added). Not every server takes ids: vLLM, SGLang and llama.cpp's do.
     *
     * @throws IllegalArgumentException as {@link #complete(String, int, SamplingParams)}, and for an
     *     empty prompt or a negative id
     * @throws RemoteLlmException when no attempt gave a completion
     */
    public RemoteCompletion complete(int[] promptIds, int maxTokens, SamplingParams sampling)
            throws RemoteLlmException {
        if (promptIds.length == 0) {
            throw new IllegalArgumentException("an empty prompt of token ids");
        }
        for (int id : promptIds) {
            if (id < 0) {
                throw new IllegalArgumentException("a negative token id in the prompt: " + id);
            }
        }
        return post(promptIds.clone(), maxTokens, sampling);
    }

    /** Aborts calls in flight (they end with an exception) and releases the connections. */
    @Override
    public void close() {
        http.close();
    }

    private RemoteCompletion post(Object prompt, int maxTokens, SamplingParams sampling) throws RemoteLlmException {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("at least one token must be asked for, not " + maxTokens);
        }
        Objects.requireNonNull(sampling, "sampling");
        if (sampling.hasPenalties() || !sampling.logitBias().isEmpty()) {
            throw new IllegalArgumentException(
                    "a remote LLM is sent temperature, top-k, top-p, min-p and seed; penalties and logit biases"
                            + " have no form every server reads the same way");
        }
        return http.post(
                CompletionsWire.requestBody(options.model(), prompt, maxTokens, sampling), CompletionsWire::parse);
    }
}
