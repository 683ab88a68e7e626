package io.github.relayllm.bench.eval.judge;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
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
        Optional<String> apiKey) {

    /** The path of the endpoint under a server's base. */
    public static final String CHAT_PATH = "/v1/chat/completions";

    public ChatOptions {
        url = chatEndpoint(url);
        Objects.requireNonNull(model, "model");
        if (model.isPresent() && model.get().isBlank()) {
            throw new IllegalArgumentException("the model name, when given, must not be blank");
        }
        requirePositive(connectTimeout, "connect timeout");
        requirePositive(requestTimeout, "request timeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt must be allowed, not " + maxAttempts);
        }
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoffs must satisfy 0 <= initial <= max, not initial %s and max %s"
                    .formatted(initialBackoff, maxBackoff));
        }
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

    /** The wait before attempt {@code failedAttempts + 1}: {@code initialBackoff * 2^(failedAttempts - 1)}, capped. */
    public Duration backoffAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("a backoff follows a failed attempt, not " + failedAttempts);
        }
        // Doubling stops at the cap, so a large attempt count can not overflow the duration.
        Duration delay = initialBackoff;
        for (int i = 1; i < failedAttempts && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }

    private static URI chatEndpoint(URI url) {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("the judge's URL must be http or https: " + url);
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("the judge's URL names no host: " + url);
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("the judge's URL must have no query or fragment: " + url);
        }
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!path.endsWith(CHAT_PATH)) {
            path = path.endsWith("/v1") ? path + "/chat/completions" : path + CHAT_PATH;
        }
        return URI.create(scheme + "://" + url.getRawAuthority() + path);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("the " + name + " must be positive, not " + value);
        }
    }
}
