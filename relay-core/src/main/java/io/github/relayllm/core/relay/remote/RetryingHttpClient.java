package io.github.relayllm.core.relay.remote;

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
 * POSTs JSON to one endpoint of an OpenAI-compatible server and reads the 200's body, retrying what
 * another attempt may fix: the transport under {@link OpenAiCompletionsClient} and the evaluation's
 * judge client, which differ only in the bodies they write and read.
 *
 * <p>Never hangs: every attempt is bounded by {@link HttpCallOptions#requestTimeout()} (connecting,
 * sending, waiting and reading the whole body), and there are at most {@link
 * HttpCallOptions#maxAttempts()} of them. Connection failures, timeouts, 429 and 5xx statuses are
 * retried after {@link HttpCallOptions#backoffAfter}; other statuses and a malformed 200 are not, since
 * the same request would get the same answer. An interrupt, while waiting for the server or during a
 * backoff, ends the call with {@link RemoteLlmException.Kind#INTERRUPTED} and leaves the thread's
 * interrupt flag set.
 *
 * <p>Thread-safe: one client serves concurrent calls, over HTTP/1.1 connections it keeps alive between
 * them.
 */
public final class RetryingHttpClient implements AutoCloseable {
    /** Reads a 200's body into the endpoint's answer; {@code attempts} is how many it took. */
    @FunctionalInterface
    public interface ResponseReader<T> {
        T read(byte[] body, int attempts) throws MalformedResponseException;
    }

    private final HttpCallOptions options;
    private final HttpClient http;
    private volatile boolean closed;

    public RetryingHttpClient(HttpCallOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Sends {@code body} as JSON until an attempt gives a 200 that {@code reader} accepts.
     *
     * @throws IllegalStateException if the client is closed
     * @throws RemoteLlmException when no attempt gave an answer
     */
    public <T> T post(byte[] body, ResponseReader<T> reader) throws RemoteLlmException {
        if (closed) {
            throw new IllegalStateException("the client for " + options.url() + " is closed");
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(options.url())
                .timeout(options.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        options.apiKey().ifPresent(key -> builder.header("Authorization", "Bearer " + key));
        HttpRequest request = builder.build();
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(request, attempt, reader);
            } catch (AttemptFailure failure) {
                // A closed client's next attempt could only fail the same way.
                if (!failure.retryable() || attempt >= options.maxAttempts() || closed) {
                    throw failure.toException(options.url(), attempt);
                }
                backOff(attempt);
            }
        }
    }

    /** Aborts calls in flight (they end with an exception) and releases the connections. */
    @Override
    public void close() {
        closed = true;
        http.shutdownNow();
        http.close();
    }

    private <T> T attempt(HttpRequest request, int attempt, ResponseReader<T> reader) throws AttemptFailure {
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
        try {
            return reader.read(response.body(), attempt);
        } catch (MalformedResponseException e) {
            throw AttemptFailure.malformed(e);
        }
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
