package io.github.relayllm.core.relay.remote;

import io.github.relayllm.core.sampling.SamplingParams;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 * <p>Never hangs: every attempt is bounded by {@link RemoteLlmOptions#requestTimeout()} (connecting,
 * sending, waiting and reading the whole body), and there are at most {@link
 * RemoteLlmOptions#maxAttempts()} of them. Connection failures, timeouts, 429 and 5xx statuses are
 * retried after an exponential backoff; other statuses and a 200 that is no completion are not, since
 * the same request would get the same answer. An interrupt, while waiting for the server or during a
 * backoff, ends the call with {@link RemoteLlmException.Kind#INTERRUPTED} and leaves the thread's
 * interrupt flag set.
 *
 * <p>Thread-safe: one client serves concurrent calls, over HTTP/1.1 connections it keeps alive
 * between them. Cost per call: one JSON body built and one parsed, besides the server's time.
 */
public final class OpenAiCompletionsClient implements AutoCloseable {
    private final RemoteLlmOptions options;
    private final HttpClient http;
    private volatile boolean closed;

    public OpenAiCompletionsClient(RemoteLlmOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
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
        closed = true;
        http.shutdownNow();
        http.close();
    }

    private RemoteCompletion post(Object prompt, int maxTokens, SamplingParams sampling) throws RemoteLlmException {
        if (closed) {
            throw new IllegalStateException("the client for " + options.url() + " is closed");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("at least one token must be asked for, not " + maxTokens);
        }
        Objects.requireNonNull(sampling, "sampling");
        if (sampling.hasPenalties() || !sampling.logitBias().isEmpty()) {
            throw new IllegalArgumentException(
                    "a remote LLM is sent temperature, top-k, top-p, min-p and seed; penalties and logit biases"
                            + " have no form every server reads the same way");
        }
        HttpRequest request = HttpRequest.newBuilder(options.url())
                .timeout(options.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        CompletionsWire.requestBody(options.model(), prompt, maxTokens, sampling)))
                .build();
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(request, attempt);
            } catch (AttemptFailure failure) {
                // A closed client's next attempt could only fail the same way.
                if (!failure.retryable() || attempt >= options.maxAttempts() || closed) {
                    throw failure.toException(options.url(), attempt);
                }
                backOff(attempt);
            }
        }
    }

    private RemoteCompletion attempt(HttpRequest request, int attempt) throws AttemptFailure {
        long limit = options.requestTimeout().toMillis();
        CompletableFuture<HttpResponse<byte[]>> pending =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            // The request's own timeout stops at the response headers in the JDK's client; this bounds the body too.
            response = pending.get(limit, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw AttemptFailure.timedOut(limit, e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw AttemptFailure.interrupted(e);
        } catch (ExecutionException e) {
            throw failureOf(e.getCause(), limit);
        }
        if (response.statusCode() != 200) {
            throw AttemptFailure.status(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        }
        return CompletionsWire.parse(response.body(), attempt);
    }

    private AttemptFailure failureOf(Throwable cause, long requestLimit) {
        Throwable t = cause;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return switch (t) {
            case HttpConnectTimeoutException connect ->
                AttemptFailure.timedOut(options.connectTimeout().toMillis(), connect);
            case HttpTimeoutException timeout -> AttemptFailure.timedOut(requestLimit, timeout);
            case IOException io -> AttemptFailure.connection(io, options.url());
            case RuntimeException bug -> throw bug;
            case Error error -> throw error;
            default -> AttemptFailure.connection(t, options.url());
        };
    }

    private void backOff(int failedAttempts) throws RemoteLlmException {
        try {
            Thread.sleep(options.backoffAfter(failedAttempts));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AttemptFailure.interrupted(e).toException(options.url(), failedAttempts);
        }
    }
}
