package io.github.relayllm.bench.eval.judge;

import io.github.relayllm.core.relay.remote.HttpCallOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a chat model is and how long to wait for it: the conventions of relay-core's {@code
 * RemoteLlmOptions}, for the chat endpoint instead of the completions one.
 *
 * <p>Invariants: {@link #url} is always the endpoint itself, an {@code http} or {@code https} URL
 * ending in {@code /v1/chat/completions} (a server's base, or the OpenAI clients' base ending in
 * {@code /v1}, is completed here); timeouts are positive; {@code 0 <= initialBackoff <= maxBackoff};
 * at least one attempt is made. One call takes at most {@code maxAttempts * requestTimeout} plus the
 * backoffs between attempts.
 *
 * @param url the chat completions endpoint
 * @param model sent as {@code "model"} when present (OpenAI and vLLM need it, llama.cpp ignores it)
 * @param connectTimeout the longest wait for a connection
 * @param requestTimeout the longest wait for one attempt's whole answer, connecting included
 * @param maxAttempts HTTP attempts at most, the first included
 * @param initialBackoff the wait after the first failed attempt; it doubles after each further one
 * @param maxBackoff the longest wait between two attempts
 * @param apiKey sent as {@code Authorization: Bearer KEY} when present; {@link #toString()} never shows it
 */
public record ChatOptions(
        URI url,
        Optional<String> model,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Optional<String> apiKey)
        implements HttpCallOptions {

    /** The path of the endpoint under a server's base. */
    public static final String CHAT_PATH = "/v1/chat/completions";

    public ChatOptions {
        url = HttpCallOptions.endpoint(url, CHAT_PATH, "the judge's");
        HttpCallOptions.requireModelName(model);
        HttpCallOptions.requireValid(connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff);
        Objects.requireNonNull(apiKey, "apiKey");
    }

    /**
     * The defaults for a judge at {@code url}: 10 s to connect, {@code requestTimeout} per attempt, 3
     * attempts, backoff from 0.5 s doubling up to 8 s.
     */
    public static ChatOptions of(URI url, Optional<String> model, Duration requestTimeout) {
        return new ChatOptions(
                url,
                model,
                Duration.ofSeconds(10),
                requestTimeout,
                3,
                Duration.ofMillis(500),
                Duration.ofSeconds(8),
                Optional.empty());
    }

    /** These options with other backoffs (tests use short ones). */
    public ChatOptions withBackoff(Duration initial, Duration max) {
        return new ChatOptions(url, model, connectTimeout, requestTimeout, maxAttempts, initial, max, apiKey);
    }

    /** These options with an API key (from the environment, never a command-line argument). */
    public ChatOptions withApiKey(String key) {
        if (key.isBlank()) {
            throw new IllegalArgumentException("an API key, when given, must not be blank");
        }
        return new ChatOptions(
                url, model, connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff, Optional.of(key));
    }

    /** The options with the API key masked: they end up in logs and messages. */
    @Override
    public String toString() {
        return "ChatOptions[url=%s, model=%s, connectTimeout=%s, requestTimeout=%s, maxAttempts=%d, backoff=%s..%s, apiKey=%s]"
                .formatted(
                        url,
                        model.orElse("-"),
                        connectTimeout,
                        requestTimeout,
                        maxAttempts,
                        initialBackoff,
                        maxBackoff,
                        apiKey.isPresent() ? "***" : "none");
    }
}
