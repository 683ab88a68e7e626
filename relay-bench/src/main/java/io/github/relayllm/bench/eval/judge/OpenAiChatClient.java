package io.github.relayllm.bench.eval.judge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.relayllm.core.relay.remote.RemoteLlmException;
import io.github.relayllm.core.relay.remote.RemoteLlmException.Kind;
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
 * Asks an OpenAI-compatible {@code /v1/chat/completions} endpoint (OpenAI, vLLM, SGLang, llama.cpp's
 * server) for one reply to one user message, greedily: {@code temperature 0}, non-streaming.
 *
 * <p>Never hangs, on the conventions of relay-core's {@code OpenAiCompletionsClient}: every attempt is
 * bounded by {@link ChatOptions#requestTimeout()} (connecting, waiting and reading the whole body),
 * and there are at most {@link ChatOptions#maxAttempts()} of them. Connection failures, timeouts, 429
 * and 5xx are retried after an exponential backoff; other statuses and a 200 that is no chat reply are
 * not, since the same request would get the same answer. Failures are {@link RemoteLlmException}s of
 * the same kinds and reasons as the completions client's.
 *
 * <p>Thread-safe: one client serves concurrent calls. Cost per call: one JSON body built and one
 * parsed, besides the server's time.
 */
public final class OpenAiChatClient implements AutoCloseable {
    // A body with something after the JSON value is not an answer we understand.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final ChatOptions options;
    private final HttpClient http;
    private volatile boolean closed;

    public OpenAiChatClient(ChatOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public ChatOptions options() {
        return options;
    }

    /**
     * The reply, {@code choices[0].message.content}, to {@code message} sent as the only user message,
     * with at most {@code maxTokens} tokens.
     *
     * @throws IllegalArgumentException for {@code maxTokens < 1}
     * @throws RemoteLlmException when no attempt gave a reply
     */
    public String reply(String message, int maxTokens) throws RemoteLlmException {
        Objects.requireNonNull(message, "message");
        if (maxTokens < 1) {
            throw new IllegalArgumentException("at least one token must be asked for, not " + maxTokens);
        }
        if (closed) {
            throw new IllegalStateException("the client for " + options.url() + " is closed");
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(options.url())
                .timeout(options.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(requestBody(message, maxTokens)));
        options.apiKey().ifPresent(key -> builder.header("Authorization", "Bearer " + key));
        HttpRequest request = builder.build();
        for (int attempt = 1; ; attempt++) {
            Attempt result = attempt(request);
            switch (result) {
                case Attempt.Reply reply -> {
                    return reply.content();
                }
                case Attempt.Failed failed -> {
                    // A closed client's next attempt could only fail the same way.
                    if (!failed.retryable() || attempt >= options.maxAttempts() || closed) {
                        throw failed.toException(options, attempt);
                    }
                    backOff(attempt);
                }
            }
        }
    }

    /** Aborts calls in flight and releases the connections. */
    @Override
    public void close() {
        closed = true;
        http.shutdownNow();
        http.close();
    }

    /** How one HTTP attempt ended. */
    private sealed interface Attempt {
        record Reply(String content) implements Attempt {}

        record Failed(Kind kind, String reason, String detail, boolean retryable, Throwable cause) implements Attempt {
            RemoteLlmException toException(ChatOptions options, int attempts) {
                return new RemoteLlmException(kind, reason, detail, options.url(), attempts, cause);
            }
        }
    }

    private byte[] requestBody(String message, int maxTokens) {
        ObjectNode body = JSON.createObjectNode();
        options.model().ifPresent(name -> body.put("model", name));
        ObjectNode user = body.putArray("messages").addObject();
        user.put("role", "user");
        user.put("content", message);
        body.put("temperature", 0.0);
        body.put("max_tokens", maxTokens);
        body.put("stream", false);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of strings and numbers could not be written", e);
        }
    }

    private Attempt attempt(HttpRequest request) {
        long limit = options.requestTimeout().toMillis();
        CompletableFuture<HttpResponse<byte[]>> pending =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            // The request's own timeout stops at the response headers in the JDK's client; this bounds the body too.
            response = pending.get(limit, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return timedOut(limit, e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return new Attempt.Failed(Kind.INTERRUPTED, "Interrupted", "", false, e);
        } catch (ExecutionException e) {
            return failureOf(e.getCause(), limit);
        }
        int status = response.statusCode();
        if (status != 200) {
            boolean retryable = status == 429 || (status >= 500 && status <= 599);
            String body = new String(response.body(), StandardCharsets.UTF_8);
            return new Attempt.Failed(
                    Kind.SERVICE_STATUS, "Service status " + status, excerpt(body, 300), retryable, null);
        }
        return parse(response.body());
    }

    /** {@code choices[0].message.content} of a 200's body, a string (null content, a refusal, is malformed). */
    private static Attempt parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            String what = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            return malformed(what, e);
        }
        if (root == null || !root.isObject()) {
            return malformed("not a JSON object: " + excerpt(new String(body, StandardCharsets.UTF_8), 80), null);
        }
        JsonNode content = root.path("choices").path(0).path("message").get("content");
        if (content == null || !content.isTextual()) {
            return malformed("no choices[0].message.content", null);
        }
        return new Attempt.Reply(content.textValue());
    }

    private Attempt failureOf(Throwable cause, long requestLimit) {
        Throwable t = cause;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return switch (t) {
            case HttpConnectTimeoutException connect ->
                timedOut(options.connectTimeout().toMillis(), connect);
            case HttpTimeoutException timeout -> timedOut(requestLimit, timeout);
            case RuntimeException bug -> throw bug;
            case Error error -> throw error;
            default -> {
                String message = t.getMessage() == null || t.getMessage().isBlank()
                        ? t.getClass().getSimpleName()
                        : excerpt(t.getMessage(), 300);
                yield new Attempt.Failed(Kind.CONNECTION_FAILED, "Connection failed: " + message, "", true, t);
            }
        };
    }

    private void backOff(int failedAttempts) throws RemoteLlmException {
        try {
            Thread.sleep(options.backoffAfter(failedAttempts));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteLlmException(Kind.INTERRUPTED, "Interrupted", "", options.url(), failedAttempts, e);
        }
    }

    private static Attempt.Failed timedOut(long millis, Throwable cause) {
        return new Attempt.Failed(Kind.TIMED_OUT, "Timed out after " + millis + " ms", "", true, cause);
    }

    private static Attempt.Failed malformed(String what, Throwable cause) {
        return new Attempt.Failed(Kind.MALFORMED_RESPONSE, "Malformed response: " + what, "", false, cause);
    }

    /** The start of a text on one line: servers put their explanation at the start of an error body. */
    private static String excerpt(String text, int max) {
        String line = text.strip().replaceAll("\\s*\\R\\s*", " ");
        if (line.isEmpty()) {
            return "an empty body";
        }
        return line.length() <= max ? line : line.substring(0, max) + "...";
    }
}
